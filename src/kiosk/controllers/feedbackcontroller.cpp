#include "controllers/feedbackcontroller.h"

namespace tapledger::kiosk {

FeedbackController::FeedbackController(QObject *parent) : ControllerBase(parent) {}

QStringList FeedbackController::categories() const
{
    QStringList out;
    if (!engineService())
        return out;
    for (const auto &c : engine().policy().feedbackCategories)
        out << qs(c);
    return out;
}

void FeedbackController::setVenueType(const QString &type)
{
    if (type == m_venueType)
        return;
    m_venueType = type;
    Q_EMIT venueTypeChanged();
}

QString FeedbackController::question(const QString &language, const QString &venueType) const
{
    Q_UNUSED(language)
    Q_UNUSED(venueType)
    if (m_venueType == QLatin1String("hotel"))
        return tr("How was your stay?");
    if (m_venueType == QLatin1String("restaurant"))
        return tr("How was your meal?");
    if (m_venueType == QLatin1String("club"))
        return tr("How was your time at the club?");
    if (m_venueType == QLatin1String("shop"))
        return tr("How was your shopping today?");
    return tr("How was your visit?");
}

bool FeedbackController::submit(int rating, const QString &category, const QString &text)
{
    if (!hasMember())
        return false;
    FeedbackRequest request;
    request.member = session()->member();
    request.rating = rating;
    request.category = category.toStdString();
    request.text = text.toStdString();
    auto receipt = engine().recordFeedback(request);
    if (!receipt)
        return reportError(receipt.error());
    clearError();
    engineService()->notifyWritten();
    Q_EMIT submitted();
    return true;
}

} // namespace tapledger::kiosk
