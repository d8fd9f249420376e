# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

__title__ = "runloop_benchmark_jobs"
__version__ = "0.1.0"
