#pragma once

#include "core/result.h"

#include <string>
#include <string_view>

namespace tapledger::sync {

/// The authenticated identity of a kiosk on a mutual-TLS connection, read from its client
/// certificate (docs/sync-transport.md, "Kiosk certificates").
struct Peer
{
    /// The kiosk id (core/kioskid.h rule): the certificate's subject commonName, equal to its
    /// subjectAltName URI `urn:tapledger:kiosk:<id>` (RFC 5280 §4.2.1.6).
    std::string kioskId;
    /// The certificate's serial number (RFC 5280 §4.1.2.2), lowercase hex without leading zeros.
    std::string serialHex;

    bool operator==(const Peer &) const = default;
};

/// The kiosk identity of the first CERTIFICATE block of @p certificatePem. Corrupt for anything
/// that is not a certificate; Denied when its CN is not a valid kiosk id or its subjectAltName
/// does not carry exactly the matching kiosk URI. Checks no signature or date: use it on a
/// certificate that was verified (HttpsServer does) or that this HQ issued.
Result<Peer> peerOfCertificatePem(std::string_view certificatePem);

} // namespace tapledger::sync
