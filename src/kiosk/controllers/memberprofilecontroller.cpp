#include "controllers/memberprofilecontroller.h"

#include "core/engine/hqprofiles.h"

#include <QVariantMap>

#include <algorithm>

namespace tapledger::kiosk {

using namespace Qt::StringLiterals;

namespace {
QString joined(const QStringList &parts)
{
    QStringList shown;
    for (const QString &p : parts)
        if (!p.isEmpty())
            shown << p;
    return shown.join(QStringLiteral(" · "));
}
} // namespace

MemberProfileController::MemberProfileController(QObject *parent) : ControllerBase(parent)
{
    connect(this, &ControllerBase::servicesChanged, this, [this] {
        if (session())
            connect(session(), &SessionService::staffChanged, this, &MemberProfileController::refresh,
                    Qt::UniqueConnection);
    });
}

void MemberProfileController::setMemberId(const QString &memberId)
{
    if (memberId == m_memberId)
        return;
    m_memberId = memberId;
    Q_EMIT memberIdChanged();
    refresh();
}

void MemberProfileController::reset()
{
    m_hasProfile = false;
    m_name.clear(), m_summary.clear(), m_seat.clear(), m_taste.clear(), m_allergies.clear(), m_notes.clear();
    m_usualItems.clear(), m_favouriteCategories.clear();
    m_lastVisits.clear();
}

QString MemberProfileController::categoryName(const std::string &id) const
{
    const QString raw = qs(id);
    if (engineService()->text(raw) != raw)
        return engineService()->label(raw);
    const QHash<QString, QString> common{
        {u"food"_s, tr("Food")},       {u"drinks"_s, tr("Drinks")},   {u"dessert"_s, tr("Dessert")},
        {u"seafood"_s, tr("Seafood")}, {u"dimsum"_s, tr("Dim sum")},  {u"dim_sum"_s, tr("Dim sum")},
        {u"general"_s, tr("General")},
    };
    if (const auto it = common.find(raw); it != common.end())
        return *it;
    QString shown = raw;
    shown.replace(u'_', u' ').replace(u'-', u' ');
    if (!shown.isEmpty())
        shown.front() = shown.front().toUpper();
    return shown;
}

void MemberProfileController::refresh()
{
    reset();
    auto member = Uuid::parse(m_memberId.toStdString());
    // Staff-only data: nothing is read, let alone shown, without a logged-in staff member.
    if (!ready() || !session()->hasStaff() || !member || member->isNil()) {
        Q_EMIT changed();
        return;
    }
    auto view = engine().member(*member);
    auto profile = HqProfiles::adopted(engine(), *member);
    if (!view || !profile) {
        reportError(!view ? view.error() : profile.error());
        Q_EMIT changed();
        return;
    }
    m_name = qs(view->name);
    if (*profile) {
        const MemberProfile &p = **profile;
        m_hasProfile = true;
        const QHash<QString, QString> labels{
            {u"person"_s, tr("Person")},     {u"company"_s, tr("Company")}, {u"family"_s, tr("Family")},
            {u"female"_s, tr("Female")},     {u"male"_s, tr("Male")},       {u"other"_s, tr("Other gender")},
        };
        const auto label = [&](const std::string &v) { return labels.value(qs(v), qs(v)); };
        m_summary = joined({label(p.type), p.creditGrade.empty() ? QString() : tr("Credit grade %1").arg(qs(p.creditGrade)),
                            label(p.gender), p.ageBand.empty() ? QString() : tr("Age %1").arg(qs(p.ageBand)),
                            qs(p.nationality), qs(p.industry), qs(p.position)});
        m_seat = qs(p.seat), m_taste = qs(p.taste), m_allergies = qs(p.allergies), m_notes = qs(p.notes);
        QStringList items, categories;
        for (const std::string &sku : p.usualItems) {
            const auto &list = engine().policy().priceList;
            const auto it = std::find_if(list.begin(), list.end(), [&](const PriceItem &i) { return i.sku == sku; });
            items << (it != list.end() ? engineService()->text(qs(it->name)) : qs(sku));
        }
        for (const std::string &c : p.favouriteCategories)
            categories << categoryName(c);
        m_usualItems = joined(items), m_favouriteCategories = joined(categories);
        for (const MemberProfile::Visit &v : p.lastVisits)
            m_lastVisits.push_back(QVariantMap{{u"date"_s, engineService()->localDateTime(v.timeMs)},
                                               {u"kiosk"_s, qs(v.kiosk)},
                                               {u"amount"_s, engineService()->money(v.amountMinor)}});
    }
    clearError();
    Q_EMIT changed();
}

} // namespace tapledger::kiosk
