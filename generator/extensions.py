"""The `x-` extensions armgen defines itself, beside Microsoft's `x-ms-*` ones."""

OMIT_SENTINEL_EXTENSION = "x-armgen-omit-sentinel"
"""On an optional body: omitting it widens the operation's reach, so callers must pass this
named sentinel to omit it on purpose."""

IDEMPOTENT_EXTENSION = "x-armgen-idempotent"
"""On an operation: sending it twice does no harm, so even a POST may be retried."""

__all__ = ["IDEMPOTENT_EXTENSION", "OMIT_SENTINEL_EXTENSION"]
