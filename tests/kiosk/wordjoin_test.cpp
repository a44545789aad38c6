// keepWordsTogether: word joiners inside Chinese words only (ICU word boundaries), so a wrapped
// tile note breaks between words ("可升至金卡会员" never as "金卡会/员").
#include "services/wordjoin.h"

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using tapledger::kiosk::keepWordsTogether;

namespace {
QString shown(QString s)
{
    return s.replace(QChar(0x2060), u'|');
}

// Expected segmentations are ICU 72's (Debian 12, its CJK dictionary): 再 消费 可 升至 金卡 会员.
struct Case
{
    const char *name;
    QString text, language, expected; // expected with '|' for U+2060
};

TEST(WordJoin, GluesTheLettersOfEachChineseWordAndNothingElse)
{
    const Case cases[] = {
        {"two words", u"你好世界"_s, u"zh_CN"_s, u"你|好世|界"_s},
        {"tier note", u"再消费 ¥7,844.40 可升至金卡会员"_s, u"zh_CN"_s, u"再消|费 ¥7,844.40 可升|至金卡会|员"_s},
        {"english language, chinese text", u"会员"_s, u"en"_s, u"会|员"_s},
        {"latin only", u"Spend ¥7,844.40 more for Gold"_s, u"en"_s, u"Spend ¥7,844.40 more for Gold"_s},
        {"empty", QString(), u"zh_CN"_s, QString()},
        {"single han letter", u"积"_s, u"zh_CN"_s, u"积"_s},
        {"name and punctuation", u"Li Wei，生日快乐！"_s, u"zh_CN"_s, u"Li Wei，生|日快|乐！"_s},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.name);
        const QString out = keepWordsTogether(c.text, c.language);
        EXPECT_EQ(shown(out).toStdString(), c.expected.toStdString());
        QString stripped = out;
        EXPECT_EQ(stripped.remove(QChar(0x2060)), c.text) << "only joiners are added";
    }
}
} // namespace
