"""The production profile on one machine (`make run-production`, `python -m deploy`):
PostgreSQL for the API and Rasa's tracker store, Redis for Rasa's locks, several Rasa servers,
action servers and API instances behind HAProxy, under supervisord. The configuration lives
beside the code: haproxy.cfg.template and Procfile.production."""
