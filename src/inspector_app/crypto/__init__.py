"""Keys, certificates, PDF signatures and their verification (no Qt).

``keys``: the inspector's identity (key + certificate in ``identity.p12``); ``ca``: HQ's small CA;
``trust``: the CA certificates and CRLs an installation trusts; ``pdf_sign`` and ``verify``: PAdES.
"""

from __future__ import annotations

import logging

from inspector_app.errors import InspectorError

# pyHanko logs validation problems (with tracebacks) that we report ourselves: keep them off stderr
# when nobody configured logging; a configured root handler still receives them.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class CryptoError(InspectorError):
    """A key, certificate, CRL or signature that cannot be used as asked."""
