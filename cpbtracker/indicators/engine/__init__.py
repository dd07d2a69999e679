"""The indicator engine: declared methods (data) applied to tidy report rows (plain Python).

``methods`` reads and checks the method file; ``compute`` turns one cycle's rows into results;
``rows`` reads those rows from the database with a handful of set-based queries.
"""
