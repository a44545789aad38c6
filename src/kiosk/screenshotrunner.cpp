#include "screenshotrunner.h"

#include "controllers/lookupcontroller.h"
#include "controllers/memberprofilecontroller.h"
#include "controllers/paymentcontroller.h"
#include "controllers/rewardscontroller.h"
#include "controllers/topupcontroller.h"
#include "demorig.h"
#include "core/engine/simulator.h"
#include "services/demoservice.h"
#include "services/engineservice.h"
#include "services/languageservice.h"
#include "services/sessionservice.h"
#include "services/statusservice.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QInputMethod>
#include <QQuickItem>
#include <QQuickWindow>

#include <atomic>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

namespace {
std::atomic<int> g_warnings{0};
QtMessageHandler g_previous = nullptr;

void countingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // Only what QML reports (binding errors, type errors, missing properties) counts.
    const bool fromQml = (context.file && QByteArray(context.file).endsWith(".qml")) ||
                         (context.category && (qstrcmp(context.category, "qml") == 0 || qstrcmp(context.category, "js") == 0)) ||
                         message.contains(u".qml:"_s);
    if (fromQml && (type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg))
        ++g_warnings;
    if (g_previous)
        g_previous(type, context, message);
}

constexpr int kPollMs = 20;
constexpr int kMaxWaitMs = 8000;
constexpr int kRenderMs = 120;
} // namespace

void ScreenshotRunner::installWarningCounter()
{
    g_previous = qInstallMessageHandler(countingHandler);
}

int ScreenshotRunner::warnings()
{
    return g_warnings.load();
}

ScreenshotRunner::ScreenshotRunner(QQmlApplicationEngine &qml, EngineService &engine, SessionService &session,
                                   LanguageService &language, DemoService &demo, QString outDir, QObject *parent)
    : QObject(parent), m_qml(qml), m_engine(engine), m_session(session), m_language(language), m_demo(demo),
      m_outDir(std::move(outDir))
{
}

void ScreenshotRunner::buildSteps()
{
    auto always = [] { return true; };
    auto hasMember = [this] { return m_session.hasMember(); };
    auto noMember = [this] { return !m_session.hasMember(); };
    for (const QString &lang : {u"zh_CN"_s, u"en"_s}) {
        m_steps.push_back({{}, {}, [this, lang] { m_language.setLanguage(lang); }, always});
        m_steps.push_back({u"attract"_s, {}, [this] { m_demo.remove(); }, noMember});
        m_steps.push_back({{}, {}, [this] { m_demo.tap(0); }, hasMember});
        m_steps.push_back({u"home"_s, {}, {}, always});
        m_steps.push_back({u"history"_s, {}, {}, always});
        // A tapped history line shows its details (explanation, entry number, rule ids).
        m_steps.push_back({u"history"_s, u"history-details"_s, [this] { openFirstHistoryLine(); }, always});
        for (const char *screen : {"rewards", "vouchers"})
            m_steps.push_back({QString::fromLatin1(screen), {}, {}, always});
        // The confirm screen, a wrong PIN on it, then the redemption and its receipt: the
        // variable dining credit at its minimum, which the demo member can afford in both passes.
        const auto settled = [this] {
            auto *c = controller<RewardsController>();
            return c && !c->busy() && !c->errorTitle().isEmpty();
        };
        m_steps.push_back({u"redeem"_s, {}, [this] { pick(u"dining-credit"_s, 100); }, always});
        m_steps.push_back({u"redeem"_s, u"redeem-wrong-pin"_s,
                           [this] {
                               if (auto *c = controller<RewardsController>())
                                   c->redeem(u"dining-credit"_s, 100, u"0000"_s);
                           },
                           settled});
        m_steps.push_back({{}, {},
                           [this] {
                               if (auto *c = controller<RewardsController>())
                                   c->redeem(u"dining-credit"_s, 100, QString::fromLatin1(DemoRig::kMemberPin));
                           },
                           [this] { return m_session.hasReceipt() && currentScreen() == u"receipt"_s; }});
        m_steps.push_back({u"receipt"_s, u"receipt-reward"_s, {}, always});
        m_steps.push_back({u"feedback"_s, {}, {}, always});
        // The chosen rating shows (filled stars and "4 of 5 stars").
        m_steps.push_back({u"feedback"_s, u"feedback-rated"_s,
                           [this] {
                               if (QQuickItem *f = findItem([](QQuickItem *i) { return i->objectName() == u"feedbackScreen"_s; }))
                                   f->setProperty("rating", 4);
                           },
                           always});
        m_steps.push_back({u"receipt"_s, {},
                           [this] {
                               TopUpRequest r;
                               r.member = m_session.member();
                               r.amount = 1000000;
                               r.payMethod = "bank_card";
                               auto receipt = m_engine.engine().topUp(r);
                               if (receipt) {
                                   m_session.setReceipt(*receipt, QObject::tr("Top-up"), m_engine.nowMs());
                                   m_engine.notifyWritten();
                               }
                           },
                           [this] { return m_session.hasReceipt(); }});
        // Offline, with the card at its offline cap: the redemption is refused and says why.
        m_steps.push_back({{}, {},
                           [this] {
                               spendCardToTheOfflineCap();
                               pick(u"dining-credit"_s, 100);
                               showScreen(u"redeem"_s);
                           },
                           [this] { return controller<RewardsController>() != nullptr; }});
        m_steps.push_back({u"redeem"_s, u"redeem-offline-limit"_s,
                           [this] {
                               if (auto *c = controller<RewardsController>())
                                   c->redeem(u"dining-credit"_s, 100, QString::fromLatin1(DemoRig::kMemberPin));
                           },
                           settled});
        m_steps.push_back({{}, {}, [this] { backOnline(); }, always});
        m_steps.push_back({{}, {}, [this] { m_demo.remove(); }, noMember});
        // A PIN locked after five wrong PINs (the third demo member; still locked in the second
        // language: the demo clock stands still).
        m_steps.push_back({{}, {}, [this] { m_demo.tap(2); }, hasMember});
        m_steps.push_back({{}, {},
                           [this] {
                               pick(u"dining-credit"_s, 100);
                               showScreen(u"redeem"_s);
                           },
                           [this] { return controller<RewardsController>() != nullptr; }});
        m_steps.push_back({u"redeem"_s, u"redeem-pin-locked"_s,
                           [this] {
                               if (auto *c = controller<RewardsController>())
                                   for (int i = 0; i < 5 && !c->busy(); ++i)
                                       c->redeem(u"dining-credit"_s, 100, u"0000"_s);
                           },
                           settled});
        m_steps.push_back({{}, {}, [this] { m_demo.remove(); }, noMember});
        m_steps.push_back({{}, {}, [this] { m_demo.tap(6); }, [this] { return !m_session.notice().isEmpty(); }});
        m_steps.push_back({u"attract"_s, u"attract-notice"_s, {}, always});
        m_steps.push_back({{}, {}, [this] { m_demo.remove(); }, always});
        // A blocked (deny-listed) card is refused at the tap: Emma's card, blocked in the first
        // language (the second finds it blocked already).
        m_steps.push_back({{}, {},
                           [this] {
                               m_session.clearNotice();
                               auto blocked = m_engine.engine().blockCard(Simulator::idFor("card", "card-002"), "lost",
                                                                          DemoRig::cashierId());
                               if (blocked)
                                   m_engine.notifyWritten();
                               m_demo.tap(1);
                           },
                           [this] { return !m_session.notice().isEmpty(); }});
        m_steps.push_back({u"attract"_s, u"attract-card-refused"_s, {}, always});
        m_steps.push_back({{}, {}, [this] { m_demo.remove(); }, always});
        m_steps.push_back({{}, {}, [this] { m_demo.tap(3); }, [this] { return m_session.staffPinPending(); }});
        m_steps.push_back({u"staff-login"_s, {}, {}, always});
        m_steps.push_back({{}, {},
                           [this] {
                               auto staff = m_engine.engine().staffLogin(DemoRig::cashierId(), DemoRig::kCashierPin);
                               if (staff)
                                   m_session.startStaff(*staff);
                           },
                           [this] { return m_session.hasStaff(); }});
        m_steps.push_back({{}, {}, [this] { m_demo.remove(); }, always});
        for (const char *screen : {"staff-menu", "enrol", "topup", "payment", "lookup", "replace-card", "adjust",
                                   "shift", "device-status"})
            m_steps.push_back({QString::fromLatin1(screen), {}, {}, always});
        // The enrol confirm step: what will be created, before anything is written.
        m_steps.push_back({{}, {}, [this] { showScreen(u"enrol"_s); }, always});
        m_steps.push_back({u"enrol"_s, u"enrol-confirm"_s,
                           [this] {
                               fillTextFields({u"Wang Fang"_s, u"13800138000"_s, u"1990-05-12"_s, u"2468"_s});
                               clickButton(u"enrolStart"_s);
                           },
                           [this] { return visibleItem(u"enrolConfirmation"_s); }});
        // A Chinese name found by its pinyin initials (the touch keyboard has no Chinese input).
        m_steps.push_back({{}, {}, [this] { showScreen(u"lookup"_s); }, always});
        m_steps.push_back({u"lookup"_s, u"lookup-pinyin"_s,
                           [this] {
                               if (auto *c = controller<LookupController>())
                                   c->search(u"zm"_s);
                           },
                           always});
        // A looked-up member at once with HQ's profile (demo seed), preferences and last visits.
        m_steps.push_back({u"lookup"_s, u"lookup-member-profile"_s,
                           [this] {
                               if (auto *c = controller<LookupController>())
                                   c->search(u"Li Wei"_s);
                               if (auto *p = controller<MemberProfileController>())
                                   p->setMemberId(QString::fromStdString(Simulator::idFor("member", "li-wei").toString()));
                           },
                           [this] {
                               auto *p = controller<MemberProfileController>();
                               return p && p->hasProfile();
                           }});
        // The staff screens with a member selected (looked up, no card), a refused payment and a
        // staff top-up's receipt.
        m_steps.push_back({{}, {},
                           [this] {
                               auto member = m_engine.engine().memberForCard(Simulator::idFor("card", "card-001"));
                               if (member)
                                   m_session.startMember(*member, Uuid(), u"Li Wei"_s);
                           },
                           hasMember});
        for (const char *screen : {"payment", "adjust", "replace-card", "topup"})
            m_steps.push_back({QString::fromLatin1(screen), QString::fromLatin1(screen) + u"-member"_s, {}, always});
        // The amount field stays above the touch keyboard (the screen moves up).
        m_steps.push_back({u"topup"_s, u"topup-keyboard"_s, [this] { focusFirstTextField(); },
                           [this] { return fieldAboveKeyboard(); }});
        m_steps.push_back({{}, {}, [] { QGuiApplication::inputMethod()->hide(); },
                           [] { return !QGuiApplication::inputMethod()->isVisible(); }});
        m_steps.push_back({{}, {}, [this] { showScreen(u"payment"_s); }, always});
        m_steps.push_back({u"payment"_s, u"payment-insufficient"_s,
                           [this] {
                               if (auto *c = controller<PaymentController>())
                                   c->pay(u"99999"_s, QString::fromLatin1(DemoRig::kMemberPin));
                           },
                           [this] {
                               auto *c = controller<PaymentController>();
                               return c && !c->busy() && !c->errorTitle().isEmpty();
                           }});
        // The payment confirm step (amount, member, how it is paid) above the PIN pad, on a fresh
        // screen (the staff menu in between reloads it).
        m_steps.push_back({{}, {}, [this] { showScreen(u"staff-menu"_s); }, always});
        m_steps.push_back({{}, {}, [this] { showScreen(u"payment"_s); }, always});
        m_steps.push_back({u"payment"_s, u"payment-confirm"_s,
                           [this] {
                               fillTextFields({u"128.00"_s});
                               clickButton(u"paymentContinue"_s);
                           },
                           [this] { return visibleItem(u"paymentConfirmation"_s); }});
        m_steps.push_back({{}, {}, [this] { showScreen(u"topup"_s); }, always});
        m_steps.push_back({{}, {},
                           [this] {
                               if (auto *c = controller<TopUpController>())
                                   c->topUp(u"500"_s, u"cash"_s);
                           },
                           [this] { return m_session.hasReceipt() && currentScreen() == u"receipt"_s; }});
        m_steps.push_back({u"receipt"_s, u"receipt-staff"_s, {}, always});
        m_steps.push_back({{}, {}, [this] { m_session.endMember(SessionService::EndReason::StaffAction); }, noMember});
        // Staff text entry uses the on-screen keyboard: focus the lookup field and wait for it.
        m_steps.push_back({{}, {}, [this] { showScreen(u"lookup"_s); }, always});
        m_steps.push_back({u"lookup"_s, u"lookup-keyboard"_s, [this] { focusFirstTextField(); },
                           [this] { return fieldAboveKeyboard(); }});
        m_steps.push_back({{}, {}, [] { QGuiApplication::inputMethod()->hide(); },
                           [] { return !QGuiApplication::inputMethod()->isVisible(); }});
        m_steps.push_back({{}, {}, [this] { m_session.endStaff(); }, [this] { return !m_session.hasStaff(); }});
    }
}

void ScreenshotRunner::spendCardToTheOfflineCap()
{
    Engine &engine = m_engine.engine();
    engine.setConnectivity(false, m_engine.nowMs());
    auto member = engine.memberForCard(Simulator::idFor("card", "card-001"));
    if (!member)
        return;
    for (int i = 0; i < 10; ++i) { // the cap is a handful (policy and configuration): stop at the refusal
        PurchaseRequest r;
        r.member = *member;
        r.items = {PurchaseItem{"tea-pot", 1, {}, 0}};
        r.payMethod = kPayStoredValue;
        r.pin = DemoRig::kMemberPin;
        r.card = Simulator::idFor("card", "card-001");
        if (!engine.purchase(r))
            break;
    }
    m_engine.notifyWritten();
}

void ScreenshotRunner::backOnline()
{
    Engine &engine = m_engine.engine();
    const auto *status = StatusService::instance();
    engine.setConnectivity(status ? status->online() : true, status ? status->lastSyncMs() : m_engine.nowMs());
    (void)engine.markCardOnline(Simulator::idFor("card", "card-001"));
}

void ScreenshotRunner::start()
{
    if (!m_outDir.isEmpty() && !QDir().mkpath(m_outDir)) {
        finish(2, u"cannot create "_s + m_outDir);
        return;
    }
    // A run replaces the previous run's screenshots (same names: <language>-NN-<screen>.png),
    // so no stale picture with old numbers stays beside the new ones. Other files are left.
    if (!m_outDir.isEmpty()) {
        QDir dir(m_outDir);
        for (const QString &old : dir.entryList({u"zh_CN-*.png"_s, u"en-*.png"_s}, QDir::Files))
            if (!dir.remove(old)) {
                finish(2, u"cannot remove the old screenshot "_s + dir.filePath(old));
                return;
            }
    }
    buildSteps();
    QTimer::singleShot(kRenderMs, this, &ScreenshotRunner::next);
}

void ScreenshotRunner::next()
{
    if (m_index >= m_steps.size()) {
        const int w = warnings();
        finish(w == 0 ? 0 : 1, w == 0 ? QString() : u"%1 QML warning(s) or error(s)"_s.arg(w));
        return;
    }
    Step &step = m_steps[m_index];
    if (m_waited == 0 && step.prepare)
        step.prepare();
    if (!step.ready()) {
        m_waited += kPollMs;
        if (m_waited > kMaxWaitMs) {
            finish(1, u"step %1 (%2) did not become ready"_s.arg(m_index).arg(step.screen));
            return;
        }
        QTimer::singleShot(kPollMs, this, &ScreenshotRunner::next);
        return;
    }
    m_waited = 0;
    ++m_index;
    if (step.screen.isEmpty()) {
        QTimer::singleShot(0, this, &ScreenshotRunner::next);
        return;
    }
    auto *window = qobject_cast<QQuickWindow *>(m_qml.rootObjects().value(0));
    if (!window) {
        finish(1, u"no window"_s);
        return;
    }
    showScreen(step.screen);
    const QString name = step.label.isEmpty() ? step.screen : step.label;
    QTimer::singleShot(kRenderMs, this, [this, window, name] {
        ++m_shot;
        if (!m_outDir.isEmpty()) {
            const QString file = u"%1/%2-%3-%4.png"_s.arg(m_outDir, m_language.language())
                                     .arg(m_shot, 2, 10, QLatin1Char('0'))
                                     .arg(name);
            if (!window->grabWindow().save(file)) {
                finish(2, u"cannot save "_s + file);
                return;
            }
            m_files << file;
        }
        next();
    });
}

void ScreenshotRunner::showScreen(const QString &name)
{
    if (auto *window = m_qml.rootObjects().value(0))
        QMetaObject::invokeMethod(window, "showScreen", Q_ARG(QVariant, QVariant(name)));
}

QString ScreenshotRunner::currentScreen() const
{
    auto *window = m_qml.rootObjects().value(0);
    return window ? window->property("screen").toString() : QString();
}

void ScreenshotRunner::pick(const QString &reward, int points)
{
    if (auto *window = m_qml.rootObjects().value(0)) {
        window->setProperty("pickedPoints", points);
        window->setProperty("pickedReward", reward);
    }
}

QQuickItem *ScreenshotRunner::findItem(const std::function<bool(QQuickItem *)> &match) const
{
    auto *window = qobject_cast<QQuickWindow *>(m_qml.rootObjects().value(0));
    if (!window)
        return nullptr;
    // Depth-first over the visual tree, in painting order.
    std::vector<QQuickItem *> stack{window->contentItem()};
    while (!stack.empty()) {
        QQuickItem *item = stack.back();
        stack.pop_back();
        if (item->isVisible() && match(item))
            return item;
        const auto children = item->childItems();
        for (auto it = children.rbegin(); it != children.rend(); ++it)
            stack.push_back(*it);
    }
    return nullptr;
}

template <typename T>
T *ScreenshotRunner::controller() const
{
    // Controllers are non-visual QObject children of the screen items.
    const auto own = [](QQuickItem *item) { return item->findChild<T *>(QString(), Qt::FindDirectChildrenOnly); };
    QQuickItem *holder = findItem([&](QQuickItem *item) { return own(item) != nullptr; });
    return holder ? own(holder) : nullptr;
}

void ScreenshotRunner::openFirstHistoryLine()
{
    // The history delegates are the items with an "open" property (HistoryScreen.qml).
    if (QQuickItem *line = findItem([](QQuickItem *item) { return item->property("open").isValid(); }))
        line->setProperty("open", true);
}

void ScreenshotRunner::focusFirstTextField()
{
    if (QQuickItem *field = findItem([](QQuickItem *item) { return item->inherits("QQuickTextInput"); })) {
        field->forceActiveFocus(Qt::MouseFocusReason);
        QGuiApplication::inputMethod()->show();
    }
}

void ScreenshotRunner::fillTextFields(const QStringList &texts)
{
    // The visible text inputs of the screen in painting order, which is their layout order.
    qsizetype n = 0;
    (void)findItem([&](QQuickItem *item) {
        if (item->inherits("QQuickTextInput") && n < texts.size())
            item->setProperty("text", texts[n++]);
        return n >= texts.size();
    });
}

void ScreenshotRunner::clickButton(const QString &objectName)
{
    if (QQuickItem *button = findItem([&](QQuickItem *item) { return item->objectName() == objectName; }))
        QMetaObject::invokeMethod(button, "clicked");
}

bool ScreenshotRunner::fieldAboveKeyboard() const
{
    const QInputMethod *im = QGuiApplication::inputMethod();
    auto *window = qobject_cast<QQuickWindow *>(m_qml.rootObjects().value(0));
    QQuickItem *field = window ? window->activeFocusItem() : nullptr;
    const QRectF keyboard = im->keyboardRectangle();
    if (!im->isVisible() || !field || keyboard.isEmpty())
        return false;
    // Both in window coordinates; the screen's lift is a transform the mapping includes.
    return field->mapRectToScene(field->boundingRect()).bottom() <= keyboard.top();
}

bool ScreenshotRunner::visibleItem(const QString &objectName) const
{
    return findItem([&](QQuickItem *item) { return item->objectName() == objectName; }) != nullptr;
}

void ScreenshotRunner::finish(int code, const QString &why)
{
    if (!why.isEmpty())
        std::fprintf(stderr, "tapledger-kiosk: %s\n", qPrintable(why));
    std::printf("tapledger-kiosk: %d screens, %d QML warnings%s\n", m_shot, warnings(),
                m_outDir.isEmpty() ? "" : qPrintable(u", screenshots in "_s + m_outDir));
    for (const QString &f : m_files)
        std::printf("  %s\n", qPrintable(f));
    std::fflush(stdout);
    QCoreApplication::exit(code);
}

} // namespace tapledger::kiosk
