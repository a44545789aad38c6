#pragma once

#include "controllers/controllerbase.h"

#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The staff view of one member on the lookup screen (docs/crm.md, "Member profiles"): HQ's
/// profile and preferences (allergies highlighted by the screen) and the last visits, on one
/// screen. Staff-only: without a logged-in staff member every property is empty, so guests never
/// see these fields. Texts are ready to show (enumerations translated, money and dates formatted).
class MemberProfileController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    /// The member shown (uuid text), "" = none. Set from the lookup's results.
    Q_PROPERTY(QString memberId READ memberId WRITE setMemberId NOTIFY memberIdChanged)
    /// True when a staff member is logged in and HQ has sent a profile for the member.
    Q_PROPERTY(bool hasProfile READ hasProfile NOTIFY changed)
    /// The member's name, "" = none shown.
    Q_PROPERTY(QString name READ name NOTIFY changed)
    /// "Person · Credit grade A" and, with consent, gender, age band, nationality, industry, position.
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(QString seat READ seat NOTIFY changed)
    Q_PROPERTY(QString taste READ taste NOTIFY changed)
    /// "" = none known.
    Q_PROPERTY(QString allergies READ allergies NOTIFY changed)
    Q_PROPERTY(QString notes READ notes NOTIFY changed)
    /// Item names (the price list's, else the SKU), joined by " · ".
    Q_PROPERTY(QString usualItems READ usualItems NOTIFY changed)
    /// Categories joined by " · ", each by categoryName().
    Q_PROPERTY(QString favouriteCategories READ favouriteCategories NOTIFY changed)
    /// Newest first: maps with `date` (venue local), `kiosk` and `amount` (formatted money).
    Q_PROPERTY(QVariantList lastVisits READ lastVisits NOTIFY changed)

public:
    explicit MemberProfileController(QObject *parent = nullptr);

    QString memberId() const { return m_memberId; }
    void setMemberId(const QString &memberId);
    bool hasProfile() const noexcept { return m_hasProfile; }
    QString name() const { return m_name; }
    QString summary() const { return m_summary; }
    QString seat() const { return m_seat; }
    QString taste() const { return m_taste; }
    QString allergies() const { return m_allergies; }
    QString notes() const { return m_notes; }
    QString usualItems() const { return m_usualItems; }
    QString favouriteCategories() const { return m_favouriteCategories; }
    QVariantList lastVisits() const { return m_lastVisits; }

Q_SIGNALS:
    void memberIdChanged();
    void changed();

protected:
    void refresh() override;

private:
    void reset();
    /// How the panel names price-list category @p id: the policy's name for it in the screen
    /// language (its `translations`, as EngineService::label), else the kiosk's own label for
    /// a common category ("seafood" → "Seafood", 海鲜), else the id with '_' and '-' as spaces and
    /// its first letter upper case ("dim_sum" → "Dim sum").
    QString categoryName(const std::string &id) const;

    QString m_memberId;
    bool m_hasProfile = false;
    QString m_name, m_summary, m_seat, m_taste, m_allergies, m_notes, m_usualItems, m_favouriteCategories;
    QVariantList m_lastVisits;
};

} // namespace tapledger::kiosk
