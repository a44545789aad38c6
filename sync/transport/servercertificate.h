#pragma once

#include <filesystem>
#include <string>

namespace tapledger::sync {

/// HQ's TLS server certificate as issued by CertificateAuthority::issueServerCertificate.
struct ServerCertificate
{
    /// The certificate file, `DIR/server.pem` (PEM, mode 0644).
    std::filesystem::path certificateFile;
    /// Its private key, `DIR/server.key` (unencrypted PKCS#8 PEM, mode 0600).
    std::filesystem::path keyFile;
    /// The certificate, one PEM CERTIFICATE block.
    std::string certificatePem;
    /// Its serial number, lowercase hex without leading zeros.
    std::string serialHex;
};

} // namespace tapledger::sync
