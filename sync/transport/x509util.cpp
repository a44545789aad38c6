#include "sync/transport/x509util_p.h"

#include "core/crypto/random.h"
#include "core/fileio.h"
#include "core/kioskid.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace tapledger::sync::x509 {

namespace {
// A passphrase callback that refuses, so an encrypted PEM fails instead of prompting on a tty.
int noPassword(char *, int, int, void *)
{
    return -1;
}
} // namespace

X509Ptr certificateFromPem(std::string_view pem)
{
    auto bio = openssl::memoryBio(pem);
    return X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, noPassword, nullptr) : nullptr);
}

std::string certificateToPem(X509 *cert)
{
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        openssl::fatal();
    return openssl::bioToString(bio.get());
}

openssl::PkeyPtr privateKeyFromPem(std::string_view pem)
{
    auto bio = openssl::memoryBio(pem);
    return openssl::PkeyPtr(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr) : nullptr);
}

std::string privateKeyToPem(EVP_PKEY *key)
{
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        openssl::fatal();
    return openssl::bioToString(bio.get());
}

void setRandomSerial(X509 *cert)
{
    std::array<uint8_t, 16> raw{};
    do {
        randomBytes(raw);
        raw[0] &= 0x7f; // positive, and DER needs no leading zero octet
    } while (std::all_of(raw.begin(), raw.end(), [](uint8_t b) { return b == 0; }));
    BignumPtr bn(BN_bin2bn(raw.data(), static_cast<int>(raw.size()), nullptr));
    if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)))
        openssl::fatal();
}

std::string serialHex(const X509 *cert)
{
    BignumPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
    if (!bn)
        return {};
    char *hex = BN_bn2hex(bn.get());
    if (!hex)
        openssl::fatal();
    std::string out(hex);
    OPENSSL_free(hex);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

Result<void> setValidity(X509 *cert, int64_t nowMs, int64_t backdateMs, int days)
{
    const time_t start = static_cast<time_t>((nowMs - backdateMs) / 1000);
    if (nowMs < backdateMs || !ASN1_TIME_set(X509_getm_notBefore(cert), start) ||
        !ASN1_TIME_adj(X509_getm_notAfter(cert), static_cast<time_t>(nowMs / 1000), days, 0))
        return fail(ErrorCode::InvalidArgument, "certificate validity out of range");
    return {};
}

Result<void> addExtension(X509 *cert, X509 *issuer, int nid, const std::string &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext)
        return fail(ErrorCode::InvalidArgument, std::string("bad certificate extension ") + OBJ_nid2sn(nid) + " = " + value);
    const int added = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    if (added != 1)
        openssl::fatal();
    return {};
}

Result<std::string> commonName(const X509_NAME *name)
{
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return fail(ErrorCode::Corrupt, "the subject has no common name (CN)");
    if (X509_NAME_get_index_by_NID(name, NID_commonName, index) >= 0)
        return fail(ErrorCode::Corrupt, "the subject has more than one common name (CN)");
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, data);
    if (len < 0)
        return fail(ErrorCode::Corrupt, "the subject common name (CN) is not readable text");
    std::string out(reinterpret_cast<const char *>(utf8), static_cast<size_t>(len));
    OPENSSL_free(utf8);
    return out;
}

Result<Peer> peerOfCertificate(const X509 *cert)
{
    auto cn = commonName(X509_get_subject_name(cert));
    if (!cn)
        return fail(ErrorCode::Denied, "not a kiosk certificate: " + cn.error().message);
    if (!isValidKioskId(*cn))
        return fail(ErrorCode::Denied, "not a kiosk certificate: the common name is not a kiosk id (" +
                                           std::string(kKioskIdRule) + ")");
    GeneralNamesPtr names(static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    std::string uri;
    int uris = 0;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME *gn = sk_GENERAL_NAME_value(names.get(), i);
        if (gn->type != GEN_URI)
            continue;
        ++uris;
        const ASN1_IA5STRING *ia5 = gn->d.uniformResourceIdentifier;
        uri.assign(reinterpret_cast<const char *>(ASN1_STRING_get0_data(ia5)), static_cast<size_t>(ASN1_STRING_length(ia5)));
    }
    const bool kiosk = uri == std::string(kKioskUriPrefix) + *cn;
    const bool pos = uri == std::string(kPosUriPrefix) + *cn;
    if (uris != 1 || (!kiosk && !pos))
        return fail(ErrorCode::Denied, "not a kiosk certificate: its subjectAltName is not exactly " +
                                           std::string(kKioskUriPrefix) + *cn + " (or " + std::string(kPosUriPrefix) +
                                           *cn + " for a point-of-sale system)");
    const std::string serial = serialHex(cert);
    if (serial.empty())
        return fail(ErrorCode::Denied, "not a kiosk certificate: unreadable serial number");
    return Peer{std::move(*cn), serial, pos ? PeerRole::Pos : PeerRole::Kiosk};
}

Result<X509StorePtr> loadCaStore(const std::filesystem::path &caFile)
{
    auto pem = readSmallFile(caFile, "CA certificate file");
    if (!pem)
        return fail(ErrorCode::Io, "cannot read the CA certificate file " + caFile.string());
    X509StorePtr store(X509_STORE_new());
    if (!store)
        openssl::fatal();
    auto bio = openssl::memoryBio(*pem);
    int count = 0;
    while (bio) {
        X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, noPassword, nullptr));
        if (!cert)
            break;
        if (X509_STORE_add_cert(store.get(), cert.get()) != 1)
            return fail(ErrorCode::Corrupt, "CA certificate file " + caFile.string() + ": " + lastOpensslError());
        ++count;
    }
    ERR_clear_error(); // the end of the PEM stream is reported as an error
    if (count == 0)
        return fail(ErrorCode::Corrupt, "CA certificate file " + caFile.string() + " holds no PEM certificate");
    return store;
}

Result<void> useCertificateAndKey(SSL_CTX *ctx, const std::filesystem::path &certFile,
                                  const std::filesystem::path &keyFile)
{
    auto certPem = readSmallFile(certFile, "certificate file");
    if (!certPem)
        return fail(ErrorCode::Io, "cannot read the certificate file " + certFile.string());
    auto cert = certificateFromPem(*certPem);
    if (!cert)
        return fail(ErrorCode::Corrupt, certFile.string() + " is not a PEM certificate");
    auto keyPem = readSmallFile(keyFile, "private key file");
    if (!keyPem)
        return fail(ErrorCode::Io, "cannot read the private key file " + keyFile.string());
    auto key = privateKeyFromPem(*keyPem);
    OPENSSL_cleanse(keyPem->data(), keyPem->size());
    if (!key)
        return fail(ErrorCode::Corrupt, keyFile.string() + " is not an unencrypted PEM private key");
    if (SSL_CTX_use_certificate(ctx, cert.get()) != 1 || SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1) {
        ERR_clear_error();
        return fail(ErrorCode::Crypto, keyFile.string() + " is not the key of " + certFile.string());
    }
    return {};
}

std::string lastOpensslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return "unknown";
    std::array<char, 256> buf{};
    ERR_error_string_n(code, buf.data(), buf.size());
    return buf.data();
}

std::string printable(std::string_view text, size_t maxBytes)
{
    std::string out(text.substr(0, maxBytes));
    for (char &c : out)
        if (c < 0x20 || c > 0x7e)
            c = '?';
    return out;
}

std::string peerAddress(const SSL *ssl)
{
    const int fd = SSL_get_fd(ssl);
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (fd < 0 || ::getpeername(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return "unknown peer";
    std::array<char, INET6_ADDRSTRLEN> host{};
    uint16_t port = 0;
    if (addr.ss_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(&addr);
        inet_ntop(AF_INET, &in->sin_addr, host.data(), host.size());
        port = ntohs(in->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&addr);
        inet_ntop(AF_INET6, &in6->sin6_addr, host.data(), host.size());
        port = ntohs(in6->sin6_port);
    } else {
        return "unknown peer";
    }
    return std::string(host.data()) + ":" + std::to_string(port);
}

} // namespace tapledger::sync::x509
