"""Executors: run the pipeline over inputs and store the results."""
