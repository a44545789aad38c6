#pragma once

#include "controllers/controllerbase.h"
#include "services/cardservice.h"

#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The staff top-up screen for the member in session: the policy's bonus tiers, the bonus an
/// amount would get, and the top-up itself (cash, bank card, mobile…). With a tapped card the new
/// balances are committed on the card before the top-up is acknowledged (runCardSpend).
class TopUpController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    /// One map per tier: {min, max ("" = no limit), bonus} formatted, and label ("3,000.00 – 9,999.99: +900.00").
    Q_PROPERTY(QVariantList tiers READ tiers NOTIFY servicesChanged)
    /// The policy's pay methods for a top-up (never stored_value).
    Q_PROPERTY(QStringList payMethods READ payMethods NOTIFY servicesChanged)
    /// Smallest and largest top-up, formatted ("" = no limit).
    Q_PROPERTY(QString minTopUp READ minTopUp NOTIFY servicesChanged)
    Q_PROPERTY(QString maxTopUp READ maxTopUp NOTIFY servicesChanged)

public:
    explicit TopUpController(QObject *parent = nullptr);

    QVariantList tiers() const;
    QString minTopUp() const;
    QString maxTopUp() const;

    /// The bonus a top-up of @p amountText (major units, "3000" / "3000.00") would get, formatted
    /// ("900.00", "0.00" without a tier); "" when the text is not an amount.
    Q_INVOKABLE QString bonusFor(const QString &amountText) const;
    /// Tops up the member in session by @p amountText paid with @p payMethod. Emits toppedUp()
    /// (the session then holds the receipt) or failed() with the error set; bad input changes nothing.
    Q_INVOKABLE void topUp(const QString &amountText, const QString &payMethod);

Q_SIGNALS:
    void toppedUp();
    void failed();

private:
};

} // namespace tapledger::kiosk
