#pragma once

#include "core/result.h"
#include "sync/transport/kioskcertificate.h"
#include "sync/transport/servercertificate.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger::sync {

/// HQ's small certificate authority (docs/sync-transport.md): an Ed25519 key and a self-signed
/// root in a directory, which certifies kiosk client keys and HQ's own TLS server key.
///   DIR/ca.key      CA private key, unencrypted PKCS#8 PEM, mode 0600
///   DIR/ca.pem      CA certificate (the file kiosks get as `--hq-ca`), mode 0644
///   DIR/server.key  HQ's TLS server key (issueServerCertificate), mode 0600
///   DIR/server.pem  HQ's TLS server certificate, mode 0644
/// Issuance keeps no registry: which kiosk holds which serial, and what is revoked, is HQ's store.
class CertificateAuthority
{
public:
    /// The CA private key file name inside the directory.
    static constexpr const char *kKeyFile = "ca.key";
    /// The CA certificate file name inside the directory.
    static constexpr const char *kCertificateFile = "ca.pem";
    /// HQ's TLS server key file name inside the directory.
    static constexpr const char *kServerKeyFile = "server.key";
    /// HQ's TLS server certificate file name inside the directory.
    static constexpr const char *kServerCertificateFile = "server.pem";
    /// Validity of the CA certificate in days (20 years).
    static constexpr int kCaValidityDays = 7300;
    /// notBefore of every issued certificate is this far before `nowMs` (1 day), so a kiosk or HQ
    /// clock a little behind does not reject a certificate issued a moment ago.
    static constexpr int64_t kBackdateMs = 24LL * 3600 * 1000;
    /// The longest validity signKioskCsr and issueServerCertificate accept, in days (10 years).
    static constexpr int kMaxLeafValidityDays = 3650;

    /// Creates a CA in @p dir (created if missing; it must not hold ca.key or ca.pem): a fresh Ed25519
    /// key and a self-signed certificate with subject CN = @p name (1..64 printable characters),
    /// valid from @p nowMs (UTC ms) − kBackdateMs for kCaValidityDays, basicConstraints CA:TRUE
    /// (critical), keyUsage keyCertSign, cRLSign (critical) (RFC 5280 §4.2.1.9, §4.2.1.3).
    /// AlreadyExists when a CA is already there (never overwritten); InvalidArgument for a bad name.
    static Result<CertificateAuthority> create(const std::filesystem::path &dir, std::string_view name,
                                               int64_t nowMs);
    /// Opens the CA in @p dir: NotFound for a missing file, Denied when ca.key is readable by
    /// group or others, Corrupt when the files are not an Ed25519 CA certificate and its key.
    static Result<CertificateAuthority> open(const std::filesystem::path &dir);

    CertificateAuthority(CertificateAuthority &&) noexcept;
    CertificateAuthority &operator=(CertificateAuthority &&) noexcept;
    ~CertificateAuthority();

    /// The CA directory.
    const std::filesystem::path &directory() const noexcept;
    /// The CA certificate (PEM), what kiosks verify HQ's server certificate against.
    const std::string &certificatePem() const noexcept;

    /// Issues a kiosk's TLS client certificate for the PKCS#10 request @p csrPem (RFC 2986).
    /// Checks, in order: it is one PEM CERTIFICATE REQUEST (Corrupt otherwise); its key is Ed25519
    /// (Denied otherwise: it must be the kiosk's ledger device key); its self-signature verifies
    /// (Denied); its subject has exactly one CN, equal to @p expectedKioskId, which follows the
    /// kiosk id rule (InvalidArgument for a bad @p expectedKioskId, Denied for a mismatch).
    /// The certificate takes only the key from the request; everything else is set here: subject
    /// CN = kiosk id, serial of 128 random bits, validity from @p nowMs − kBackdateMs for
    /// @p validityDays (1..kMaxLeafValidityDays), basicConstraints CA:FALSE, keyUsage
    /// digitalSignature, extendedKeyUsage clientAuth, subjectAltName URI urn:tapledger:kiosk:<id>
    /// (RFC 5280 §4.2.1.6), subject and authority key identifiers.
    Result<KioskCertificate> signKioskCsr(std::string_view csrPem, std::string_view expectedKioskId, int64_t nowMs,
                                          int validityDays) const;
    /// Issues a point-of-sale system's TLS client certificate (docs/pos-api.md): the same checks
    /// and fields as signKioskCsr (the POS id follows the kiosk id rule; its key is any Ed25519
    /// key the POS holds), but subjectAltName URI urn:tapledger:pos:<id>, the role HQ's server
    /// reads (PeerRole::Pos). The result's kioskId is the POS id, deviceKey its public key.
    Result<KioskCertificate> signPosCsr(std::string_view csrPem, std::string_view expectedPosId, int64_t nowMs,
                                        int validityDays) const;

    /// Issues HQ's TLS server certificate for a fresh Ed25519 key and writes DIR/server.key (0600)
    /// and DIR/server.pem, replacing earlier ones (atomically each). @p hosts are the names and IP
    /// addresses the kiosks connect to (subjectAltName dNSName / iPAddress, RFC 5280 §4.2.1.6; an
    /// entry that parses as an IPv4 or IPv6 address is an address); empty means 127.0.0.1 and
    /// localhost. extendedKeyUsage serverAuth, keyUsage digitalSignature, validity as for kiosks.
    /// InvalidArgument for an empty or malformed host or a validity out of range.
    Result<ServerCertificate> issueServerCertificate(const std::vector<std::string> &hosts, int64_t nowMs,
                                                     int validityDays) const;

private:
    Result<KioskCertificate> signClientCsr(std::string_view csrPem, std::string_view expectedId, int64_t nowMs,
                                           int validityDays, std::string_view uriPrefix, const std::string &what) const;
    struct Impl;
    explicit CertificateAuthority(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tapledger::sync
