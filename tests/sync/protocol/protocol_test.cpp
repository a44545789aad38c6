// Sync protocol messages (docs/sync-protocol.md): round trips, strict parsing, feed signatures.
#include "core/crypto/ed25519secretkey.h"
#include "support/testsupport.h"
#include "sync/protocol/feedpage.h"
#include "sync/protocol/hello.h"
#include "sync/protocol/uploadbatch.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace tapledger;
using namespace tapledger::sync;

namespace {
std::string readFile(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::filesystem::path kData = std::filesystem::path(TAPLEDGER_TEST_DATA_DIR) / "sync" / "protocol";

FeedPage signedPage(const Ed25519SecretKey &key)
{
    FeedPage p;
    p.after = 10;
    p.next = 14;
    p.end = true;
    for (uint64_t seq : {11u, 13u}) {
        HqFeedItem i{seq, "deny", R"({"card":"x","version":)" + std::to_string(seq) + "}", {}};
        signFeedItem(i, key);
        p.items.push_back(i);
    }
    p.sign(key);
    return p;
}
} // namespace

TEST(SyncProtocol, HelloRoundTrip)
{
    Hello h;
    h.kioskId = "lobby-1";
    h.kioskStatus = "active";
    h.ackedSeq = 41;
    h.ackedRoot.fill(7);
    h.hqKey.fill(9);
    h.feedHead = 977;
    h.timeMs = 1'795'456'676'308;
    auto back = Hello::fromJson(h.toJson());
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->toJson(), h.toJson());
}

TEST(SyncProtocol, UploadBatchRoundTripWithHead)
{
    const auto key = Ed25519SecretKey::generate();
    UploadBatch b;
    b.kioskId = "lobby-1";
    b.fromSeq = 42;
    b.entries.push_back({{0x54, 0x4c, 0x45, 0x01}, key.sign(Bytes{1})});
    SignedTreeHead head;
    head.kioskId = "lobby-1";
    head.treeSize = 42;
    head.timeMs = 5;
    head.sign(key);
    b.head = head;
    auto back = UploadBatch::fromJson(b.toJson());
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->entries[0].body, b.entries[0].body);
    EXPECT_EQ(back->entries[0].signature, b.entries[0].signature);
    ASSERT_TRUE(back->head.has_value());
    EXPECT_TRUE(back->head->verify(key.publicKey()));
    EXPECT_TRUE(UploadBatch::fromJson(readFile(kData / "valid" / "upload-one-entry.json")).ok());
}

// The decoder of a fixture, by its name's prefix.
Result<void> decodeFixture(const std::string &name, const std::string &text)
{
    const auto as = [](auto r) -> Result<void> {
        if (!r)
            return std::move(r).error();
        return {};
    };
    if (name.rfind("upload-", 0) == 0)
        return as(UploadBatch::fromJson(text));
    if (name.rfind("hello-", 0) == 0)
        return as(Hello::fromJson(text));
    if (name.rfind("feed-", 0) == 0)
        return as(FeedPage::fromJson(text));
    if (name.rfind("ack", 0) == 0)
        return as(UploadAck::fromJson(text));
    if (name.rfind("error-", 0) == 0)
        return as(ErrorBody::fromJson(text));
    ADD_FAILURE() << name << ": no decoder for this prefix";
    return {};
}

TEST(SyncProtocol, ValidFixturesDecode)
{
    size_t seen = 0;
    for (const auto &f : std::filesystem::directory_iterator(kData / "valid")) {
        ++seen;
        auto r = decodeFixture(f.path().filename().string(), readFile(f.path()));
        EXPECT_TRUE(r.ok()) << f.path().filename() << ": " << (r ? "" : r.error().message);
    }
    EXPECT_GE(seen, 7u);
}

TEST(SyncProtocol, InvalidFixturesAreRefusedWithAReason)
{
    size_t seen = 0;
    for (const auto &f : std::filesystem::directory_iterator(kData / "invalid")) {
        ++seen;
        auto r = decodeFixture(f.path().filename().string(), readFile(f.path()));
        ASSERT_FALSE(r.ok()) << f.path().filename();
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument) << f.path().filename();
        EXPECT_FALSE(r.error().message.empty());
    }
    EXPECT_GE(seen, 48u);
}

// The defects the fuzz targets found (issue 14): each fixture and the words its refusal must say.
TEST(SyncProtocol, FuzzFindingsAreRefusedWithAClearError)
{
    const std::vector<std::pair<const char *, const char *>> cases = {
        {"upload-upper-case-hex-body.json", "body must be lower-case hex"},
        {"upload-upper-case-hex-signature.json", "signature must be lower-case hex"},
        {"upload-from-seq-past-int64.json", "from_seq is past the int64 range"},
        {"upload-last-seq-past-int64.json", "runs past the int64 range"},
        {"upload-bad-kiosk-id.json", "kiosk_id must be 1..63 characters"},
        {"upload-head-unknown-field.json", "head: malformed signed tree head: unknown field 'extra'"},
        {"upload-head-float-version.json", "format_version must be an integer"},
        {"upload-head-version-wraps-to-1.json", "unsupported tree head version"},
        {"upload-head-negative-tree-size.json", "tree_size must be an integer 0"},
        {"upload-head-float-tree-size.json", "tree_size must be an integer 0"},
        {"upload-head-tree-size-past-int64.json", "tree_size must be an integer 0"},
        {"upload-head-time-past-int64.json", "time_ms must be an int64 integer"},
        {"upload-head-upper-case-root.json", "root_hash must be lower-case hex"},
        {"upload-head-bad-kiosk-id.json", "kiosk_id must be 1..63 characters"},
        {"upload-nested-too-deep.json", "nested deeper than 64 levels"},
        {"hello-time-past-int64.json", "time_ms is past the int64 range"},
        {"hello-acked-seq-past-int64.json", "acked_seq is past the int64 range"},
        {"hello-upper-case-hq-key.json", "hq_key must be lower-case hex"},
        {"hello-unknown-status.json", "kiosk_status must be \"active\" or \"quarantined\""},
        {"hello-bad-kiosk-id.json", "kiosk_id must be 1..63 characters"},
        {"hello-float-protocol.json", "protocol must be an integer"},
        {"hello-protocol-past-int64.json", "protocol is past the int64 range"},
        {"hello-unknown-field.json", "unknown field 'hq_url'"},
        {"feed-body-integer-past-int64.json", "body has an integer past the int64 range"},
        {"feed-body-float.json", "body must not contain floating-point numbers"},
        {"feed-next-before-after.json", "next cursor is before the page"},
        {"feed-item-seq-past-int64.json", "seq is past the int64 range"},
        {"feed-upper-case-signature.json", "signature must be lower-case hex"},
        {"feed-item-upper-case-signature.json", "feed item: signature must be lower-case hex"},
        {"feed-nested-too-deep.json", "nested deeper than 64 levels"},
        {"ack-merged-past-int64.json", "merged is past the int64 range"},
        {"ack-float-acked-seq.json", "acked_seq must be a non-negative integer"},
        {"error-no-protocol.json", "protocol is missing"},
        {"error-expected-seq-zero.json", "expected_seq is at least 1 when present"},
        {"error-quarantined-false.json", "quarantined is sent only as true"},
    };
    for (const auto &[file, words] : cases) {
        auto r = decodeFixture(file, readFile(kData / "invalid" / file));
        ASSERT_FALSE(r.ok()) << file;
        EXPECT_NE(r.error().message.find(words), std::string::npos) << file << ": " << r.error().message;
    }
}

TEST(SyncProtocol, AckAndErrorBodies)
{
    auto ack = UploadAck::fromJson(UploadAck{57, 16, 1}.toJson());
    ASSERT_TRUE(ack.ok());
    EXPECT_EQ(ack->ackedSeq, 57u);
    auto err = ErrorBody::fromJson(ErrorBody{"resend", 42, false}.toJson());
    ASSERT_TRUE(err.ok());
    EXPECT_EQ(err->expectedSeq, 42u);
    EXPECT_FALSE(UploadAck::fromJson(R"({"protocol":1,"acked_seq":"57","merged":0,"alerts":0})").ok());
}

TEST(SyncProtocol, FeedPageSignaturesCoverItemsAndBounds)
{
    const auto key = Ed25519SecretKey::generate();
    const auto other = Ed25519SecretKey::generate();
    const FeedPage page = signedPage(key);
    ASSERT_TRUE(page.verify(key.publicKey()).ok());
    auto back = FeedPage::fromJson(page.toJson());
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_TRUE(back->verify(key.publicKey()).ok());
    EXPECT_EQ(back->items[1].body, page.items[1].body);

    EXPECT_FALSE(page.verify(other.publicKey()).ok());
    FeedPage dropped = page; // an item removed: the page signature no longer covers it
    dropped.items.pop_back();
    EXPECT_FALSE(dropped.verify(key.publicKey()).ok());
    FeedPage edited = page; // a body changed: its item signature fails
    edited.items[0].body = R"({"card":"y","version":11})";
    edited.sign(key);
    auto r = edited.verify(key.publicKey());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("feed item 11"), std::string::npos);
    FeedPage moved = page; // the cursor moved without the items: refused
    moved.next = 12;
    moved.sign(key);
    EXPECT_FALSE(moved.verify(key.publicKey()).ok());
    FeedPage retyped = page;
    retyped.items[0].type = "member";
    retyped.sign(key);
    EXPECT_FALSE(retyped.verify(key.publicKey()).ok());
}

TEST(SyncProtocol, FeedPageParsingIsStrict)
{
    const auto key = Ed25519SecretKey::generate();
    auto j = signedPage(key).toJson();
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"float in a body", std::string(j).replace(j.find("\"version\":11"), 12, "\"version\":1.5")},
        {"unknown field", std::string(j).replace(0, 1, "{\"x\":1,")},
        {"protocol 2", std::string(j).replace(j.find("\"protocol\":1"), 12, "\"protocol\":2")},
        {"not json", j.substr(0, j.size() / 2)},
    };
    for (const auto &[what, text] : bad)
        EXPECT_FALSE(FeedPage::fromJson(text).ok()) << what;
}
