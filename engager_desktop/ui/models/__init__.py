"""Qt table models: adapters from service results to views."""
