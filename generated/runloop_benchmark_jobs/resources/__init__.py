# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""The API's resources, one module (or package, for a resource with children) each.

Nothing is imported here: the client imports each resource's module when it is first used.
"""
