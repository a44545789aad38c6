#pragma once

#include "core/result.h"

#include <string>
#include <string_view>

namespace tapledger::sync {

/// What a client certificate lets its holder do at HQ (docs/sync-transport.md, docs/pos-api.md):
/// a kiosk syncs its ledger (`urn:tapledger:kiosk:<id>`), a point-of-sale system posts purchases
/// (`urn:tapledger:pos:<id>`). One certificate has exactly one role.
enum class PeerRole {
    Kiosk, ///< subjectAltName URI urn:tapledger:kiosk:<id>
    Pos,   ///< subjectAltName URI urn:tapledger:pos:<id>
};

/// The authenticated identity of a kiosk or point-of-sale system on a mutual-TLS connection,
/// read from its client certificate (docs/sync-transport.md, "Kiosk certificates").
struct Peer
{
    /// The kiosk id, or the POS id for role Pos (both follow the core/kioskid.h rule): the
    /// certificate's subject commonName, equal to its subjectAltName URI
    /// `urn:tapledger:kiosk:<id>` or `urn:tapledger:pos:<id>` (RFC 5280 §4.2.1.6).
    std::string kioskId;
    /// The certificate's serial number (RFC 5280 §4.1.2.2), lowercase hex without leading zeros.
    std::string serialHex;
    /// Which URI the certificate carries.
    PeerRole role = PeerRole::Kiosk;

    bool operator==(const Peer &) const = default;
};

/// The kiosk or POS identity of the first CERTIFICATE block of @p certificatePem. Corrupt for
/// anything that is not a certificate; Denied when its CN is not a valid kiosk id or its
/// subjectAltName does not carry exactly one URI, the matching kiosk or POS URI. Checks no signature or date: use it on a
/// certificate that was verified (HttpsServer does) or that this HQ issued.
Result<Peer> peerOfCertificatePem(std::string_view certificatePem);

} // namespace tapledger::sync
