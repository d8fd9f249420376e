# File generated from an OpenAPI spec by sdkgen 0.1.0. Do not edit by hand.
