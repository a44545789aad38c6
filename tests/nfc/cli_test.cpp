// `tapledger card derive-key` prints the AN10922 vectors.
#include "support/testsupport.h"

#include <gtest/gtest.h>

using tapledger::test::cliPath;
using tapledger::test::runProcess;

TEST(CardCli, DeriveKeyPrintsTheAn10922Vectors)
{
    struct Case
    {
        std::vector<std::string> args;
        std::string out;
    };
    const std::vector<Case> cases = {
        {{"--master", "00112233445566778899AABBCCDDEEFF", "--uid", "04782E21801D80", "--aid", "3042F5", "--sysid",
          "4E585020416275"},
         "a8dd63a3b89d54b37ca802473fda9175\n"},
        // AN10957: M = 04DEADBEEFFEED, split as a 4-byte UID + 3-byte AID, no system id.
        {{"--master", "F3F9377698707B688EAF84ABE39E3791", "--uid", "04DEADBE", "--aid", "EFFEED", "--sysid", ""},
         "0bb408baff98b6ee9f2e1585777f6a51\n"},
    };
    for (const auto &c : cases) {
        std::vector<std::string> argv{cliPath(), "card", "derive-key"};
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        const auto r = runProcess(argv);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        EXPECT_EQ(r.out, c.out);
    }
    const auto bad = runProcess({cliPath(), "card", "derive-key", "--master", "00", "--uid", "04782E21801D80", "--aid",
                                 "3042F5", "--sysid", ""});
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_EQ(bad.out, "");
    // A malformed master key is refused without echoing it (keys never appear in messages).
    const auto leaky = runProcess({cliPath(), "card", "derive-key", "--master", "00112233445566778899AABBCCDDEEGG",
                                   "--uid", "04782E21801D80", "--aid", "3042F5", "--sysid", ""});
    EXPECT_NE(leaky.exitCode, 0);
    EXPECT_EQ(leaky.err.find("00112233"), std::string::npos) << leaky.err;
    EXPECT_EQ(leaky.err.find("AABBCCDD"), std::string::npos) << leaky.err;
}
