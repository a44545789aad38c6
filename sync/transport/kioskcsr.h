#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/result.h"

#include <string>
#include <string_view>

namespace tapledger::sync {

/// A PKCS#10 certificate signing request (RFC 2986) for @p kioskId, signed with the kiosk's device
/// key @p deviceKey (Ed25519, RFC 8410): subject CN = @p kioskId and nothing else. HQ's CA issues
/// the kiosk's TLS client certificate for this same key (`tapledger provision --out-csr`).
/// InvalidArgument when @p kioskId breaks the kiosk id rule (core/kioskid.h).
Result<std::string> makeKioskCsr(const Ed25519SecretKey &deviceKey, std::string_view kioskId);

} // namespace tapledger::sync
