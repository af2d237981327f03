import click
from flask.cli import AppGroup

from marketplace.demo.data import DEMO_PASSWORD
from marketplace.demo.service import database_is_empty, demo_logins, load_demo

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Only load into an empty database (used by `make run`).")
def load_command(if_empty: bool):
    """Load the demo network (idempotent: adds only what is missing) and print the logins."""
    if if_empty and not database_is_empty():
        click.echo("The database already has data; demo data not loaded.")
    else:
        load_demo()
        click.echo("Demo data loaded.")
    _print_logins()


def _print_logins() -> None:
    logins = demo_logins()
    if not logins:
        return
    click.echo(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    width = max(len(login.email) for login in logins)
    for login in logins:
        click.echo(f"  {login.email:<{width}}  {login.role:<22} {login.organisation}")
