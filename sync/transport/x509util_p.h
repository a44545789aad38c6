#pragma once
// Private to sync/transport: X.509 helpers over OpenSSL, with the unique_ptr deleters of
// core/crypto/opensslpp_p.h (the one place OpenSSL lifetimes are spelt out).

#include "core/crypto/opensslpp_p.h"
#include "core/result.h"
#include "sync/transport/peer.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace tapledger::sync::x509 {

using X509Ptr = std::unique_ptr<X509, openssl::Deleter<&X509_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, openssl::Deleter<&X509_REQ_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, openssl::Deleter<&X509_STORE_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, openssl::Deleter<&X509_NAME_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, openssl::Deleter<&BN_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, openssl::Deleter<&GENERAL_NAMES_free>>;
using SslCtxPtr = std::unique_ptr<SSL_CTX, openssl::Deleter<&SSL_CTX_free>>;

/// The URI scheme of a kiosk certificate's subjectAltName: `urn:tapledger:kiosk:<kiosk id>`.
inline constexpr std::string_view kKioskUriPrefix = "urn:tapledger:kiosk:";
/// The URI scheme of a point-of-sale certificate's subjectAltName: `urn:tapledger:pos:<pos id>`.
inline constexpr std::string_view kPosUriPrefix = "urn:tapledger:pos:";

/// Reads the first CERTIFICATE block of @p pem; null for anything else.
X509Ptr certificateFromPem(std::string_view pem);
/// The certificate as a PEM CERTIFICATE block.
std::string certificateToPem(X509 *cert);
/// Reads an unencrypted PKCS#8 private key PEM (any algorithm); null for anything else.
openssl::PkeyPtr privateKeyFromPem(std::string_view pem);
/// The private key as an unencrypted PKCS#8 PEM. The caller clears the string after use.
std::string privateKeyToPem(EVP_PKEY *key);

/// A fresh RFC 5280 §4.1.2.2 serial number: 128 random bits with the top bit cleared (positive,
/// 16 octets at most, never zero), set on @p cert.
void setRandomSerial(X509 *cert);
/// The serial number of @p cert as lowercase hex without leading zeros ("" when unreadable).
std::string serialHex(const X509 *cert);
/// Sets notBefore = @p nowMs − @p backdateMs and notAfter = @p nowMs + @p days (RFC 5280 §4.1.2.5).
Result<void> setValidity(X509 *cert, int64_t nowMs, int64_t backdateMs, int days);
/// Adds the extension @p nid with the OpenSSL configuration value @p value (x509v3_config(5)),
/// @p issuer and @p subject given for the key identifier extensions.
Result<void> addExtension(X509 *cert, X509 *issuer, int nid, const std::string &value);

/// The only commonName of @p name, as UTF-8; Corrupt when there is none or more than one.
Result<std::string> commonName(const X509_NAME *name);
/// The kiosk identity of a kiosk certificate: CN is a valid kiosk id and the subjectAltName
/// carries exactly the matching `urn:tapledger:kiosk:<id>` URI; Denied otherwise.
Result<Peer> peerOfCertificate(const X509 *cert);

/// Loads the PEM CA certificates of @p caFile into a new store; Io when the file cannot be read,
/// Corrupt when it holds no certificate or an unreadable one (never an empty, silently valid store).
Result<X509StorePtr> loadCaStore(const std::filesystem::path &caFile);
/// Puts the certificate of @p certFile and the private key of @p keyFile into @p ctx and checks that
/// they match; a one-line error naming the file otherwise.
Result<void> useCertificateAndKey(SSL_CTX *ctx, const std::filesystem::path &certFile,
                                  const std::filesystem::path &keyFile);

/// The most recent OpenSSL error queue entry as text (and clears the queue); "unknown" when empty.
std::string lastOpensslError();
/// @p text with every byte outside printable ASCII replaced by '?' and cut to @p maxBytes, for log
/// lines built from untrusted input (paths, exception text).
std::string printable(std::string_view text, size_t maxBytes = 200);
/// "address:port" of the TCP peer of @p ssl's socket, or "unknown peer".
std::string peerAddress(const SSL *ssl);

} // namespace tapledger::sync::x509
