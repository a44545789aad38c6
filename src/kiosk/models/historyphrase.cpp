#include "models/historyphrase.h"

#include "services/engineservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

namespace {
QString word(const QJsonObject &x, const char *key)
{
    return EngineService::displayText(x.value(QLatin1StringView(key)).toString().toStdString());
}

qint64 num(const QJsonObject &x, const char *key)
{
    return x.value(QLatin1StringView(key)).toInteger();
}

/// "a/b" or "a" with 0 < value: the number of tenths or hundredths for display, exact or "".
QString decimal(qint64 numerator, qint64 denominator, int places)
{
    qint64 scale = 1;
    for (int i = 0; i < places; ++i)
        scale *= 10;
    if (denominator <= 0 || (numerator * scale) % denominator != 0)
        return {};
    const qint64 v = numerator * scale / denominator;
    QString s = QString::number(v / scale);
    qint64 frac = v % scale;
    if (frac != 0) {
        QString digits = QString::number(frac).rightJustified(places, u'0');
        while (digits.endsWith(u'0'))
            digits.chop(1);
        s += u'.' + digits;
    }
    return s;
}
} // namespace

QString HistoryPhrase::discount(const QString &rate)
{
    const QStringList parts = rate.split(u'/');
    bool okN = false, okD = true;
    const qint64 n = parts.value(0).toLongLong(&okN);
    const qint64 d = parts.size() > 1 ? parts.value(1).toLongLong(&okD) : 1;
    if (!okN || !okD || parts.size() > 2 || n <= 0 || d <= 0 || n > d || d > 1'000'000)
        return {};
    // 1/5 off: 20% off; the price is 8 tenths of the list price: 八折 ("8折").
    const QString percent = decimal(n * 100, d, 2);
    const QString zhe = decimal((d - n) * 10, d, 2);
    if (percent.isEmpty() || zhe.isEmpty())
        return {};
    // Named placeholders: a translation may use either number (QString::arg cannot skip %1).
    return tr("{percent}% off", "{percent} = percent off; {zhe} = tenths of the list price paid (zhe: 8 for 20% off)")
        .replace(u"{percent}"_s, percent)
        .replace(u"{zhe}"_s, zhe);
}

QString HistoryPhrase::headline(const LedgerEntry &e, const EngineService &svc)
{
    const QJsonObject x = QJsonDocument::fromJson(QByteArray::fromStdString(e.extra)).object();
    const auto withDiscount = [&](QString s) {
        if (x.contains(u"discount"_s)) {
            const QString off = discount(x.value(u"discount"_s).toObject().value(u"rate"_s).toString());
            if (!off.isEmpty())
                s += u" · "_s + off;
        }
        if (x.contains(u"voucher"_s))
            s += u" · "_s + tr("voucher used");
        return s;
    };
    switch (e.kind) {
    case EntryKind::Issue:
        return tr("Card issued");
    case EntryKind::Enrol:
        return tr("Membership started: welcome!");
    case EntryKind::TopUp:
        return tr("Top-up by %1").arg(word(x, "pay_method"));
    case EntryKind::Earn: {
        const QString line = x.value(u"line"_s).toString();
        if (line == u"visit"_s)
            return tr("Visit bonus");
        if (line == u"earn"_s)
            return tr("Points for your purchase");
        if (line == u"threshold"_s)
            return tr("Bonus for a big purchase");
        if (line == u"promo"_s)
            return tr("Promotion bonus");
        if (line == u"offer"_s)
            return tr("Offer: %1").arg(word(x, "title"));
        return tr("Points earned");
    }
    case EntryKind::Redeem:
        return tr("Reward: %1").arg(word(x, "name"));
    case EntryKind::Pay:
        return withDiscount(tr("Paid %1 from stored value").arg(svc.money(num(x, "amount"))));
    case EntryKind::Purchase:
        return withDiscount(tr("Purchase %1 by %2").arg(svc.money(num(x, "amount")), word(x, "pay_method")));
    case EntryKind::Return:
        return tr("Return of a purchase");
    case EntryKind::VoucherIssue:
        return tr("New voucher: %1 off").arg(svc.money(num(x, "value")));
    case EntryKind::VoucherUse:
        return tr("Voucher used");
    case EntryKind::VoucherExpire:
        return tr("Voucher expired");
    case EntryKind::PointsExpire:
        return tr("Points expired");
    case EntryKind::Reversal:
        return tr("Correction");
    case EntryKind::Transfer:
        return tr("Card replaced: balance moved");
    case EntryKind::Adjust:
        return tr("Adjusted by our staff");
    case EntryKind::Feedback:
        return tr("Your feedback: thank you");
    case EntryKind::Membership:
        return tr("Paid membership");
    case EntryKind::Refund:
        return tr("Stored value refunded");
    case EntryKind::TierChange:
        return tr("New tier: %1").arg(word(x, "to_name"));
    case EntryKind::PinChange:
        return tr("PIN changed");
    case EntryKind::CardAlert:
        return tr("Card check");
    case EntryKind::HqSync:
        return tr("Brought up to date with headquarters");
    case EntryKind::CardSync:
        return tr("Brought up to date from your card");
    case EntryKind::ShiftOpen:
    case EntryKind::ShiftClose:
        break;
    }
    return QString::fromStdString(std::string(entryKindName(e.kind)));
}

QString HistoryPhrase::change(const LedgerEntry &e, const EngineService &svc)
{
    QStringList parts;
    const qint64 value = e.depositDelta + e.bonusDelta;
    if (value != 0)
        parts << (value > 0 ? u"+"_s : QString()) + svc.money(value);
    if (e.pointsDelta != 0)
        parts << tr("%1 pts").arg((e.pointsDelta > 0 ? u"+"_s : QString()) + QString::number(e.pointsDelta));
    return parts.join(u" · "_s);
}

QString HistoryPhrase::reference(const LedgerEntry &e)
{
    QStringList parts{tr("Entry #%1").arg(e.seq)};
    for (const std::string &ref : e.refs) {
        const QString r = QString::fromStdString(ref);
        const qsizetype at = r.lastIndexOf(u'@');
        if (r.startsWith(u"rule:"_s) && at > 0)
            parts << tr("rule %1 v%2").arg(r.mid(5, at - 5), r.mid(at + 1));
        else if (r.startsWith(u"policy:"_s) && at > 0)
            parts << tr("policy %1 v%2").arg(r.mid(7, at - 7), r.mid(at + 1));
        else if (r.startsWith(u"offer:"_s) && at > 0)
            parts << tr("offer %1 v%2").arg(r.mid(r.lastIndexOf(u':', at) + 1, at - r.lastIndexOf(u':', at) - 1), r.mid(at + 1));
        else if (r.startsWith(u"entry:"_s))
            parts << tr("refers to #%1").arg(r.mid(r.lastIndexOf(u':') + 1));
        else
            parts << r;
    }
    return parts.join(u" · "_s);
}

} // namespace tapledger::kiosk
