"""Many files linted in-process, in a pool or on Dask, with the result cache."""
