#pragma once

#include "core/crypto/ed25519.h"

#include <string>

namespace tapledger::sync {

/// A kiosk's client certificate as issued by CertificateAuthority::signKioskCsr.
struct KioskCertificate
{
    /// The certificate, one PEM CERTIFICATE block (RFC 7468 §5).
    std::string certificatePem;
    /// Its serial number (RFC 5280 §4.1.2.2), lowercase hex without leading zeros: the key of
    /// HQ's revocation list together with kioskId.
    std::string serialHex;
    /// The certified kiosk id (subject CN and subjectAltName URI).
    std::string kioskId;
    /// The certified public key, which is the kiosk's ledger device key (device.pub.pem): HQ
    /// learns the key that signs the kiosk's ledger entries from this certificate.
    Ed25519PublicKey deviceKey{};
};

} // namespace tapledger::sync
