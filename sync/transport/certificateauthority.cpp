#include "sync/transport/certificateauthority.h"

#include "core/fileio.h"
#include "core/kioskid.h"
#include "sync/transport/x509util_p.h"

#include <openssl/pem.h>

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace fs = std::filesystem;

namespace tapledger::sync {

struct CertificateAuthority::Impl
{
    fs::path dir;
    openssl::PkeyPtr key;
    x509::X509Ptr cert;
    std::string certPem;

    // An end-entity certificate for @p subjectKey signed by this CA: basicConstraints CA:FALSE,
    // keyUsage digitalSignature, extendedKeyUsage @p extendedKeyUsage, subjectAltName
    // @p subjectAltName (both in x509v3_config(5) syntax), key identifiers; never valid beyond
    // the CA certificate.
    Result<x509::X509Ptr> issueLeaf(EVP_PKEY *subjectKey, std::string_view subjectCn, int64_t nowMs, int days,
                                    const std::string &extendedKeyUsage, const std::string &subjectAltName) const;
};

namespace {

constexpr size_t kMaxNameLength = 64; // ub-common-name (RFC 5280 appendix A.1)

openssl::PkeyPtr generateEd25519()
{
    openssl::PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key)
        openssl::fatal();
    return key;
}

void setCommonName(X509_NAME *name, std::string_view cn)
{
    if (X509_NAME_add_entry_by_NID(name, NID_commonName, MBSTRING_ASC, reinterpret_cast<const unsigned char *>(cn.data()),
                                   static_cast<int>(cn.size()), -1, 0) != 1)
        openssl::fatal();
}

// A v3 certificate for @p subjectKey with a random serial and the given subject CN and validity.
Result<x509::X509Ptr> newCertificate(EVP_PKEY *subjectKey, std::string_view subjectCn, int64_t nowMs, int days)
{
    x509::X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 || X509_set_pubkey(cert.get(), subjectKey) != 1)
        openssl::fatal();
    x509::setRandomSerial(cert.get());
    setCommonName(X509_get_subject_name(cert.get()), subjectCn);
    TL_TRY(x509::setValidity(cert.get(), nowMs, CertificateAuthority::kBackdateMs, days));
    return cert;
}

// Adds the extensions of @p extensions (nid, value) in order.
Result<void> addExtensions(X509 *cert, X509 *issuer, std::initializer_list<std::pair<int, std::string>> extensions)
{
    for (const auto &[nid, value] : extensions)
        TL_TRY(x509::addExtension(cert, issuer, nid, value));
    return {};
}

Result<void> checkLeafValidity(int days)
{
    if (days < 1 || days > CertificateAuthority::kMaxLeafValidityDays)
        return fail(ErrorCode::InvalidArgument,
                    "certificate validity must be 1.." + std::to_string(CertificateAuthority::kMaxLeafValidityDays) + " days");
    return {};
}

bool isPrintableName(std::string_view name)
{
    return !name.empty() && name.size() <= kMaxNameLength &&
           std::all_of(name.begin(), name.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

// The subjectAltName entry for @p host: IP for an IPv4 or IPv6 literal, DNS for a host name
// (letters, digits, '-' and '.', RFC 1123 §2.1); empty for anything else.
std::string subjectAltNameEntry(const std::string &host)
{
    std::array<unsigned char, 16> addr{};
    if (inet_pton(AF_INET, host.c_str(), addr.data()) == 1 || inet_pton(AF_INET6, host.c_str(), addr.data()) == 1)
        return "IP:" + host;
    const bool dnsChars = std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
    if (host.empty() || host.size() > 253 || !dnsChars || host.front() == '-' || host.front() == '.')
        return {};
    return "DNS:" + host;
}

} // namespace

Result<x509::X509Ptr> CertificateAuthority::Impl::issueLeaf(EVP_PKEY *subjectKey, std::string_view subjectCn,
                                                            int64_t nowMs, int days, const std::string &extendedKeyUsage,
                                                            const std::string &subjectAltName) const
{
    auto leaf = newCertificate(subjectKey, subjectCn, nowMs, days);
    if (!leaf)
        return std::move(leaf).error();
    X509 *c = leaf->get();
    if (ASN1_TIME_compare(X509_get0_notAfter(c), X509_get0_notAfter(cert.get())) > 0)
        return fail(ErrorCode::InvalidArgument, "the certificate would outlive the CA certificate");
    if (X509_set_issuer_name(c, X509_get_subject_name(cert.get())) != 1)
        openssl::fatal();
    TL_TRY(addExtensions(c, cert.get(),
                         {{NID_basic_constraints, "critical,CA:FALSE"},
                          {NID_key_usage, "critical,digitalSignature"},
                          {NID_ext_key_usage, extendedKeyUsage},
                          {NID_subject_alt_name, subjectAltName},
                          {NID_subject_key_identifier, "hash"},
                          {NID_authority_key_identifier, "keyid:always"}}));
    if (X509_sign(c, key.get(), nullptr) <= 0)
        openssl::fatal();
    return leaf;
}

CertificateAuthority::CertificateAuthority(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
CertificateAuthority::CertificateAuthority(CertificateAuthority &&) noexcept = default;
CertificateAuthority &CertificateAuthority::operator=(CertificateAuthority &&) noexcept = default;
CertificateAuthority::~CertificateAuthority() = default;

const fs::path &CertificateAuthority::directory() const noexcept
{
    return d->dir;
}

const std::string &CertificateAuthority::certificatePem() const noexcept
{
    return d->certPem;
}

Result<CertificateAuthority> CertificateAuthority::create(const fs::path &dir, std::string_view name, int64_t nowMs)
{
    if (!isPrintableName(name))
        return fail(ErrorCode::InvalidArgument, "CA name must be 1..64 printable ASCII characters");
    std::error_code ec;
    if (fs::exists(dir / kKeyFile, ec) || fs::exists(dir / kCertificateFile, ec))
        return fail(ErrorCode::AlreadyExists, dir.string() + " already holds a CA; refusing to overwrite it");
    fs::create_directories(dir, ec);
    if (ec)
        return fail(ErrorCode::Io, "cannot create " + dir.string() + ": " + ec.message());

    auto impl = std::make_unique<Impl>();
    impl->dir = dir;
    impl->key = generateEd25519();
    auto cert = newCertificate(impl->key.get(), name, nowMs, kCaValidityDays);
    if (!cert)
        return std::move(cert).error();
    impl->cert = std::move(*cert);
    X509 *c = impl->cert.get();
    if (X509_set_issuer_name(c, X509_get_subject_name(c)) != 1)
        openssl::fatal();
    // The subject key identifier goes first: the authority key identifier of a self-signed
    // certificate is read from it.
    TL_TRY(addExtensions(c, c,
                         {{NID_basic_constraints, "critical,CA:TRUE"},
                          {NID_key_usage, "critical,keyCertSign,cRLSign"},
                          {NID_subject_key_identifier, "hash"},
                          {NID_authority_key_identifier, "keyid:always"}}));
    if (X509_sign(c, impl->key.get(), nullptr) <= 0)
        openssl::fatal();
    impl->certPem = x509::certificateToPem(c);

    std::string keyPem = x509::privateKeyToPem(impl->key.get());
    auto wroteKey = writeFileExclusive(dir / kKeyFile, keyPem, 0600);
    OPENSSL_cleanse(keyPem.data(), keyPem.size());
    if (!wroteKey)
        return std::move(wroteKey).error();
    if (auto wroteCert = writeFileExclusive(dir / kCertificateFile, impl->certPem, 0644); !wroteCert) {
        fs::remove(dir / kKeyFile, ec); // a key without its certificate is no CA
        return std::move(wroteCert).error();
    }
    return CertificateAuthority(std::move(impl));
}

Result<CertificateAuthority> CertificateAuthority::open(const fs::path &dir)
{
    const fs::path keyPath = dir / kKeyFile;
    auto keyPem = readPrivateKeyFile(keyPath, "CA key");
    if (!keyPem)
        return std::move(keyPem).error();
    auto impl = std::make_unique<Impl>();
    impl->dir = dir;
    impl->key = x509::privateKeyFromPem(*keyPem);
    OPENSSL_cleanse(keyPem->data(), keyPem->size());
    if (!impl->key || EVP_PKEY_get_id(impl->key.get()) != EVP_PKEY_ED25519)
        return fail(ErrorCode::Corrupt, keyPath.string() + " is not an unencrypted PEM Ed25519 private key");
    auto certPem = readSmallFile(dir / kCertificateFile, "CA certificate");
    if (!certPem)
        return std::move(certPem).error();
    impl->cert = x509::certificateFromPem(*certPem);
    if (!impl->cert)
        return fail(ErrorCode::Corrupt, (dir / kCertificateFile).string() + " is not a PEM certificate");
    if (X509_check_private_key(impl->cert.get(), impl->key.get()) != 1)
        return fail(ErrorCode::Corrupt, (dir / kCertificateFile).string() + " does not belong to " + keyPath.string());
    if (X509_check_ca(impl->cert.get()) != 1)
        return fail(ErrorCode::Corrupt, (dir / kCertificateFile).string() + " is not a CA certificate");
    impl->certPem = std::move(*certPem);
    return CertificateAuthority(std::move(impl));
}

Result<KioskCertificate> CertificateAuthority::signKioskCsr(std::string_view csrPem, std::string_view expectedKioskId,
                                                            int64_t nowMs, int validityDays) const
{
    return signClientCsr(csrPem, expectedKioskId, nowMs, validityDays, x509::kKioskUriPrefix, "kiosk");
}

Result<KioskCertificate> CertificateAuthority::signPosCsr(std::string_view csrPem, std::string_view expectedPosId,
                                                          int64_t nowMs, int validityDays) const
{
    return signClientCsr(csrPem, expectedPosId, nowMs, validityDays, x509::kPosUriPrefix, "POS");
}

Result<KioskCertificate> CertificateAuthority::signClientCsr(std::string_view csrPem, std::string_view expectedKioskId,
                                                             int64_t nowMs, int validityDays, std::string_view uriPrefix,
                                                             const std::string &what) const
{
    if (!isValidKioskId(expectedKioskId))
        return fail(ErrorCode::InvalidArgument, what + " id must be " + std::string(kKioskIdRule));
    TL_TRY(checkLeafValidity(validityDays));
    auto bio = openssl::memoryBio(csrPem);
    x509::X509ReqPtr req(bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!req)
        return fail(ErrorCode::Corrupt, "not a PEM certificate signing request");
    EVP_PKEY *pub = X509_REQ_get0_pubkey(req.get());
    if (!pub || EVP_PKEY_get_id(pub) != EVP_PKEY_ED25519)
        return fail(ErrorCode::Denied, std::string("the request's key is not Ed25519") +
                                               (what == "kiosk" ? ": it must be the kiosk's device key" : ""));
    if (X509_REQ_verify(req.get(), pub) != 1)
        return fail(ErrorCode::Denied, "the request's signature does not verify with its own key");
    auto cn = x509::commonName(X509_REQ_get_subject_name(req.get()));
    if (!cn)
        return fail(ErrorCode::Corrupt, "certificate signing request: " + cn.error().message);
    if (*cn != expectedKioskId)
        return fail(ErrorCode::Denied, "the request is for " + what + " \"" +
                                           (isValidKioskId(*cn) ? *cn : "(not a " + what + " id)") + "\", not " +
                                           std::string(expectedKioskId));

    const std::string kioskId(expectedKioskId);
    auto cert = d->issueLeaf(pub, kioskId, nowMs, validityDays, "clientAuth",
                          "URI:" + std::string(uriPrefix) + kioskId);
    if (!cert)
        return std::move(cert).error();
    X509 *c = cert->get();
    return KioskCertificate{x509::certificateToPem(c), x509::serialHex(c), kioskId, openssl::rawEd25519PublicKey(pub)};
}

Result<ServerCertificate> CertificateAuthority::issueServerCertificate(const std::vector<std::string> &hosts,
                                                                       int64_t nowMs, int validityDays) const
{
    TL_TRY(checkLeafValidity(validityDays));
    const std::vector<std::string> names = hosts.empty() ? std::vector<std::string>{"127.0.0.1", "localhost"} : hosts;
    std::string san;
    for (const auto &host : names) {
        const std::string entry = subjectAltNameEntry(host);
        if (entry.empty())
            return fail(ErrorCode::InvalidArgument, "not a host name or IP address: \"" + host + "\"");
        san += (san.empty() ? "" : ",") + entry;
    }

    openssl::PkeyPtr key = generateEd25519();
    auto cert = d->issueLeaf(key.get(), names.front().substr(0, kMaxNameLength), nowMs, validityDays, "serverAuth", san);
    if (!cert)
        return std::move(cert).error();
    X509 *c = cert->get();

    ServerCertificate out{d->dir / kServerCertificateFile, d->dir / kServerKeyFile, x509::certificateToPem(c),
                          x509::serialHex(c)};
    std::string keyPem = x509::privateKeyToPem(key.get());
    auto wroteKey = writeFileAtomic(out.keyFile, keyPem, 0600);
    OPENSSL_cleanse(keyPem.data(), keyPem.size());
    if (!wroteKey)
        return std::move(wroteKey).error();
    TL_TRY(writeFileAtomic(out.certificateFile, out.certificatePem, 0644));
    return out;
}

} // namespace tapledger::sync
