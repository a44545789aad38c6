#include "support/testsupport.h"
#include "sync/transport/certificateauthority.h"
#include "sync/transport/kioskcsr.h"
#include "sync/transport/peer.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>

using namespace tapledger;
using namespace tapledger::sync;
using namespace tapledger::test;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kNowMs = 1767225600000; // 2026-01-01T00:00:00Z

struct X509Free
{
    void operator()(X509 *x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr parse(const std::string &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509 *x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return X509Ptr(x);
}

mode_t modeOf(const fs::path &p)
{
    struct stat st{};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 0777;
}

// The text of extension @p nid as `openssl x509 -text` prints it, and whether it is critical.
std::pair<std::string, bool> extension(X509 *cert, int nid)
{
    const int index = X509_get_ext_by_NID(cert, nid, -1);
    if (index < 0)
        return {"(absent)", false};
    X509_EXTENSION *ext = X509_get_ext(cert, index);
    BIO *bio = BIO_new(BIO_s_mem());
    X509V3_EXT_print(bio, ext, 0, 0);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<size_t>(len));
    BIO_free(bio);
    return {text, X509_EXTENSION_get_critical(ext) == 1};
}

bool signedBy(X509 *cert, X509 *issuer)
{
    return X509_verify(cert, X509_get0_pubkey(issuer)) == 1;
}

class CaTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto ca = CertificateAuthority::create(tmp.path() / "ca", "TapLedger HQ test CA", kNowMs);
        ASSERT_TRUE(ca.ok()) << ca.error().message;
        m_ca = std::make_unique<CertificateAuthority>(std::move(*ca));
    }
    CertificateAuthority &ca() { return *m_ca; }

    TempDir tmp;
    std::unique_ptr<CertificateAuthority> m_ca;
};

} // namespace

TEST_F(CaTest, CreateWritesAnEd25519RootWithCaExtensionsAndA0600Key)
{
    const fs::path dir = tmp.path() / "ca";
    EXPECT_EQ(modeOf(dir / "ca.key"), 0600u);
    EXPECT_EQ(modeOf(dir / "ca.pem"), 0644u);
    EXPECT_EQ(readFile(dir / "ca.pem"), ca().certificatePem());
    EXPECT_EQ(ca().directory(), dir);

    auto cert = parse(ca().certificatePem());
    ASSERT_TRUE(cert);
    EXPECT_EQ(EVP_PKEY_get_id(X509_get0_pubkey(cert.get())), EVP_PKEY_ED25519);
    EXPECT_TRUE(signedBy(cert.get(), cert.get()));
    EXPECT_EQ(X509_check_ca(cert.get()), 1);
    EXPECT_EQ(extension(cert.get(), NID_basic_constraints), std::make_pair(std::string("CA:TRUE"), true));
    EXPECT_EQ(extension(cert.get(), NID_key_usage), std::make_pair(std::string("Certificate Sign, CRL Sign"), true));
    EXPECT_EQ(X509_get_version(cert.get()), X509_VERSION_3);
    // Backdated one day, valid 20 years.
    EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notBefore(cert.get()), kNowMs / 1000 - 86400), 0);
    EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notAfter(cert.get()), kNowMs / 1000 + 7300LL * 86400), 0);
}

TEST_F(CaTest, CreateRefusesToOverwriteAndOpenReadsTheSameCa)
{
    const fs::path dir = tmp.path() / "ca";
    const std::string keyBefore = readFile(dir / "ca.key");
    auto again = CertificateAuthority::create(dir, "another", kNowMs);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::AlreadyExists);
    EXPECT_EQ(readFile(dir / "ca.key"), keyBefore);
    EXPECT_EQ(readFile(dir / "ca.pem"), ca().certificatePem());

    auto opened = CertificateAuthority::open(dir);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(opened->certificatePem(), ca().certificatePem());
}

TEST_F(CaTest, CreateRefusesABadName)
{
    for (const std::string &name : {std::string(), std::string(65, 'a'), std::string("line\nbreak")}) {
        auto bad = CertificateAuthority::create(tmp.path() / "other", name, kNowMs);
        ASSERT_FALSE(bad.ok()) << name;
        EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
        EXPECT_FALSE(fs::exists(tmp.path() / "other" / "ca.key"));
    }
}

TEST_F(CaTest, OpenRefusesMissingExposedOrMismatchedFiles)
{
    const fs::path dir = tmp.path() / "ca";
    auto missing = CertificateAuthority::open(tmp.path() / "nowhere");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);

    ASSERT_EQ(::chmod((dir / "ca.key").c_str(), 0640), 0);
    auto exposed = CertificateAuthority::open(dir);
    ASSERT_FALSE(exposed.ok());
    EXPECT_EQ(exposed.error().code, ErrorCode::Denied);
    EXPECT_NE(exposed.error().message.find("chmod 600"), std::string::npos) << exposed.error().message;
    ASSERT_EQ(::chmod((dir / "ca.key").c_str(), 0600), 0);

    auto other = CertificateAuthority::create(tmp.path() / "other", "other", kNowMs);
    ASSERT_TRUE(other.ok());
    fs::copy_file(tmp.path() / "other" / "ca.pem", dir / "ca.pem", fs::copy_options::overwrite_existing);
    auto mismatched = CertificateAuthority::open(dir);
    ASSERT_FALSE(mismatched.ok());
    EXPECT_EQ(mismatched.error().code, ErrorCode::Corrupt);
    EXPECT_NE(mismatched.error().message.find("does not belong"), std::string::npos) << mismatched.error().message;
}

TEST_F(CaTest, SignKioskCsrIssuesAClientCertificateForTheDeviceKey)
{
    const auto deviceKey = Ed25519SecretKey::generate();
    auto csr = makeKioskCsr(deviceKey, "kiosk-a");
    ASSERT_TRUE(csr.ok()) << csr.error().message;
    auto issued = ca().signKioskCsr(*csr, "kiosk-a", kNowMs, 825);
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    EXPECT_EQ(issued->kioskId, "kiosk-a");
    EXPECT_EQ(issued->deviceKey, deviceKey.publicKey());

    auto cert = parse(issued->certificatePem);
    auto root = parse(ca().certificatePem());
    ASSERT_TRUE(cert && root);
    EXPECT_TRUE(signedBy(cert.get(), root.get()));
    EXPECT_EQ(X509_check_ca(cert.get()), 0);
    EXPECT_EQ(extension(cert.get(), NID_basic_constraints), std::make_pair(std::string("CA:FALSE"), true));
    EXPECT_EQ(extension(cert.get(), NID_key_usage), std::make_pair(std::string("Digital Signature"), true));
    EXPECT_EQ(extension(cert.get(), NID_ext_key_usage).first, "TLS Web Client Authentication");
    EXPECT_EQ(extension(cert.get(), NID_subject_alt_name).first, "URI:urn:tapledger:kiosk:kiosk-a");
    EXPECT_NE(extension(cert.get(), NID_authority_key_identifier).first, "(absent)");
    EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notAfter(cert.get()), kNowMs / 1000 + 825LL * 86400), 0);

    // 128-bit positive serial; its hex is what peerOfCertificatePem reports.
    const ASN1_INTEGER *serial = X509_get0_serialNumber(cert.get());
    EXPECT_EQ(ASN1_STRING_type(serial), V_ASN1_INTEGER); // V_ASN1_NEG_INTEGER when negative
    EXPECT_LE(ASN1_STRING_length(serial), 16);
    EXPECT_LE(issued->serialHex.size(), 32u);
    EXPECT_GE(issued->serialHex.size(), 16u); // < 2^-60 chance of a shorter one
    auto peer = peerOfCertificatePem(issued->certificatePem);
    ASSERT_TRUE(peer.ok()) << peer.error().message;
    EXPECT_EQ(*peer, (Peer{"kiosk-a", issued->serialHex}));

    auto second = ca().signKioskCsr(*csr, "kiosk-a", kNowMs, 825);
    ASSERT_TRUE(second.ok());
    EXPECT_NE(second->serialHex, issued->serialHex);
}

TEST_F(CaTest, SignPosCsrIssuesACertificateWithThePosRole)
{
    // The two roles differ only in the subjectAltName URI, and each reads back as its own role.
    struct Case
    {
        const char *name;
        bool pos;
        std::string uri;
        PeerRole role;
    };
    const Case cases[] = {
        {"kiosk", false, "URI:urn:tapledger:kiosk:till-1", PeerRole::Kiosk},
        {"point of sale", true, "URI:urn:tapledger:pos:till-1", PeerRole::Pos},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        const auto key = Ed25519SecretKey::generate();
        auto csr = makeKioskCsr(key, "till-1");
        ASSERT_TRUE(csr.ok()) << csr.error().message;
        auto issued = c.pos ? ca().signPosCsr(*csr, "till-1", kNowMs, 825) : ca().signKioskCsr(*csr, "till-1", kNowMs, 825);
        ASSERT_TRUE(issued.ok()) << issued.error().message;
        EXPECT_EQ(issued->deviceKey, key.publicKey());
        auto cert = parse(issued->certificatePem);
        ASSERT_TRUE(cert);
        EXPECT_EQ(extension(cert.get(), NID_subject_alt_name).first, c.uri);
        EXPECT_EQ(extension(cert.get(), NID_ext_key_usage).first, "TLS Web Client Authentication");
        auto peer = peerOfCertificatePem(issued->certificatePem);
        ASSERT_TRUE(peer.ok()) << peer.error().message;
        EXPECT_EQ(*peer, (Peer{"till-1", issued->serialHex, c.role}));
    }
    auto wrong = ca().signPosCsr(*makeKioskCsr(Ed25519SecretKey::generate(), "till-2"), "till-1", kNowMs, 825);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, ErrorCode::Denied);
    EXPECT_NE(wrong.error().message.find("the request is for POS \"till-2\", not till-1"), std::string::npos)
        << wrong.error().message;
}

TEST_F(CaTest, SignKioskCsrAcceptsAnOpensslMadeRequest)
{
    auto issued = ca().signKioskCsr(readFile(dataPath("sync/transport/valid/csr-openssl-ed25519.pem")), "kiosk-a",
                                    kNowMs, 30);
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    EXPECT_EQ(issued->kioskId, "kiosk-a");
}

TEST_F(CaTest, SignKioskCsrRefusesBadRequests)
{
    const auto deviceKey = Ed25519SecretKey::generate();
    const std::string forB = *makeKioskCsr(deviceKey, "kiosk-b");
    struct Case
    {
        std::string name;
        std::string csr;
        std::string expectedKioskId;
        int days;
        ErrorCode code;
        std::string message;
    };
    const auto fixture = [](const std::string &file) { return readFile(dataPath("sync/transport/invalid/" + file)); };
    const std::vector<Case> cases = {
        {"wrong common name", forB, "kiosk-a", 30, ErrorCode::Denied, "the request is for kiosk \"kiosk-b\", not kiosk-a"},
        {"non-Ed25519 key", fixture("csr-p256-key.pem"), "kiosk-a", 30, ErrorCode::Denied, "not Ed25519"},
        {"bad signature", fixture("csr-bad-signature.pem"), "kiosk-a", 30, ErrorCode::Denied, "signature does not verify"},
        {"garbage PEM", fixture("csr-garbage.pem"), "kiosk-a", 30, ErrorCode::Corrupt, "not a PEM certificate signing request"},
        {"not PEM at all", "hello", "kiosk-a", 30, ErrorCode::Corrupt, "not a PEM certificate signing request"},
        {"a certificate", fixture("csr-certificate-not-request.pem"), "kiosk-a", 30, ErrorCode::Corrupt,
         "not a PEM certificate signing request"},
        {"no common name", fixture("csr-no-common-name.pem"), "kiosk-a", 30, ErrorCode::Corrupt, "no common name"},
        {"two common names", fixture("csr-two-common-names.pem"), "kiosk-a", 30, ErrorCode::Corrupt,
         "more than one common name"},
        {"bad expected kiosk id", forB, "kiosk b", 30, ErrorCode::InvalidArgument, "kiosk id must be"},
        {"zero days", forB, "kiosk-b", 0, ErrorCode::InvalidArgument, "validity must be"},
        {"beyond ten years", forB, "kiosk-b", 3651, ErrorCode::InvalidArgument, "validity must be"},
    };
    for (const auto &c : cases) {
        auto r = ca().signKioskCsr(c.csr, c.expectedKioskId, kNowMs, c.days);
        ASSERT_FALSE(r.ok()) << c.name;
        EXPECT_EQ(r.error().code, c.code) << c.name << ": " << r.error().message;
        EXPECT_NE(r.error().message.find(c.message), std::string::npos) << c.name << ": " << r.error().message;
    }
}

TEST_F(CaTest, CertificatesNeverOutliveTheCa)
{
    auto late = ca().signKioskCsr(*makeKioskCsr(Ed25519SecretKey::generate(), "kiosk-a"), "kiosk-a",
                                  kNowMs + 7000LL * 86400 * 1000, 3650);
    ASSERT_FALSE(late.ok());
    EXPECT_NE(late.error().message.find("outlive"), std::string::npos);
}

TEST(KioskCsr, RefusesABadKioskId)
{
    const auto key = Ed25519SecretKey::generate();
    for (const std::string &id : {std::string(), std::string(64, 'k'), std::string("kiosk/1"), std::string("ki\xc3\xb6sk")}) {
        auto csr = makeKioskCsr(key, id);
        ASSERT_FALSE(csr.ok()) << id;
        EXPECT_EQ(csr.error().code, ErrorCode::InvalidArgument);
    }
}

TEST_F(CaTest, IssueServerCertificateWritesKeyAndCertificateWithServerAuth)
{
    auto server = ca().issueServerCertificate({}, kNowMs, 398);
    ASSERT_TRUE(server.ok()) << server.error().message;
    EXPECT_EQ(server->keyFile, tmp.path() / "ca" / "server.key");
    EXPECT_EQ(modeOf(server->keyFile), 0600u);
    EXPECT_EQ(readFile(server->certificateFile), server->certificatePem);
    auto cert = parse(server->certificatePem);
    auto root = parse(ca().certificatePem());
    ASSERT_TRUE(cert && root);
    EXPECT_TRUE(signedBy(cert.get(), root.get()));
    EXPECT_EQ(extension(cert.get(), NID_ext_key_usage).first, "TLS Web Server Authentication");
    EXPECT_EQ(extension(cert.get(), NID_subject_alt_name).first, "IP Address:127.0.0.1, DNS:localhost");
    // A server certificate is no kiosk certificate.
    EXPECT_FALSE(peerOfCertificatePem(server->certificatePem).ok());

    auto named = ca().issueServerCertificate({"hq.example.org", "10.0.0.5", "::1"}, kNowMs, 398);
    ASSERT_TRUE(named.ok()) << named.error().message;
    EXPECT_EQ(extension(parse(named->certificatePem).get(), NID_subject_alt_name).first,
              "DNS:hq.example.org, IP Address:10.0.0.5, IP Address:0:0:0:0:0:0:0:1");
    EXPECT_EQ(readFile(named->certificateFile), named->certificatePem); // replaced the first one

    for (const std::string &host : {std::string(), std::string("bad host"), std::string("-lead"), std::string("a,DNS:b")}) {
        auto bad = ca().issueServerCertificate({host}, kNowMs, 398);
        ASSERT_FALSE(bad.ok()) << host;
        EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
    }
    EXPECT_EQ(readFile(named->certificateFile), named->certificatePem);
}

TEST(PeerOfCertificate, RefusesNonCertificates)
{
    auto garbage = peerOfCertificatePem("nope");
    ASSERT_FALSE(garbage.ok());
    EXPECT_EQ(garbage.error().code, ErrorCode::Corrupt);
    // A certificate whose CN is a kiosk id but without the kiosk URI.
    auto selfSigned = peerOfCertificatePem(readFile(dataPath("sync/transport/invalid/csr-certificate-not-request.pem")));
    ASSERT_FALSE(selfSigned.ok());
    EXPECT_EQ(selfSigned.error().code, ErrorCode::Denied);
    EXPECT_NE(selfSigned.error().message.find("urn:tapledger:kiosk:kiosk-a"), std::string::npos);
}
