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
