#include "sync/transport/kioskcsr.h"

#include "core/kioskid.h"
#include "sync/transport/x509util_p.h"

#include <openssl/pem.h>

namespace tapledger::sync {

Result<std::string> makeKioskCsr(const Ed25519SecretKey &deviceKey, std::string_view kioskId)
{
    if (!isValidKioskId(kioskId))
        return fail(ErrorCode::InvalidArgument, "kiosk id must be " + std::string(kKioskIdRule));
    std::string keyPem = deviceKey.toPem();
    openssl::PkeyPtr key = x509::privateKeyFromPem(keyPem);
    OPENSSL_cleanse(keyPem.data(), keyPem.size());
    if (!key)
        openssl::fatal(); // toPem() of a valid key always reads back

    x509::X509ReqPtr req(X509_REQ_new());
    if (!req || X509_REQ_set_version(req.get(), 0) != 1) // v1, the only PKCS#10 version (RFC 2986 §4.1)
        openssl::fatal();
    X509_NAME *subject = X509_REQ_get_subject_name(req.get());
    if (X509_NAME_add_entry_by_NID(subject, NID_commonName, MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>(kioskId.data()),
                                   static_cast<int>(kioskId.size()), -1, 0) != 1 ||
        X509_REQ_set_pubkey(req.get(), key.get()) != 1 || X509_REQ_sign(req.get(), key.get(), nullptr) <= 0)
        openssl::fatal();

    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509_REQ(bio.get(), req.get()) != 1)
        openssl::fatal();
    return openssl::bioToString(bio.get());
}

} // namespace tapledger::sync
