"""Obligations: the read model between the case record and the feature apps.

Snapshots of each case are built here from the record and from the facts that feature apps
register (`providers.register_fact_provider`), and run through the timescales engine. This
package never imports a feature app.
"""
