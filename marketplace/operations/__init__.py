"""Running the site: the scheduled jobs (`flask jobs run-due`) and the health endpoint for load balancers.

The blueprint lives in views.py (registered by create_app).
"""
