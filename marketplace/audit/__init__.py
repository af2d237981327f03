"""The audit trail: one append-only table of security-relevant events, for coordinators and organisation admins.

Every domain records its events through marketplace.audit.service.record(); only this package writes the rows.
The blueprint lives in views.py (registered by create_app), so that recording an event imports no views.
"""
