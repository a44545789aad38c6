// tapledger-kiosk: builds the services from the configuration, wires them and hands them to QML
// as singletons. Modes: normal (config file), --demo (emulated PN532 + demo cards and members),
// --self-test (every screen once, exit 0 without QML warnings), --screenshots DIR (the same,
// saving PNGs; offscreen when there is no display).
#include "config/kioskconfig.h"
#include "core/engine/engine.h"
#include "core/engine/manualclock.h"
#include "core/engine/policyparser.h"
#include "core/engine/systemclock.h"
#include "demorig.h"
#include "nfc/cardmasterkeys.h"
#include "nfc/pkcs11cardkeystore.h"
#include "nfc/cardstateverifier.h"
#include "nfc/cardterminal.h"
#include "nfc/nfccardreader.h"
#include "screenshotrunner.h"
#include "tapbenchrunner.h"
#include "services/cardcounterfile.h"
#include "services/cardservice.h"
#include "services/demoservice.h"
#include "services/engineservice.h"
#include "services/languageservice.h"
#include "services/qrimageprovider.h"
#include "services/sessionservice.h"
#include "services/statusservice.h"
#include "services/systemdnotifier.h"
#include "services/syncservice.h"
#include "services/taprouter.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtPlugin>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <cstdlib>

Q_IMPORT_QML_PLUGIN(TapLedger_KioskPlugin)
Q_IMPORT_QML_PLUGIN(TapLedger_UiPlugin)

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace Qt::StringLiterals;
namespace fs = std::filesystem;

namespace {

int die(const std::string &message)
{
    std::fprintf(stderr, "tapledger-kiosk: %s\n", message.c_str());
    return 2;
}

/// Restarts the idle timers on any touch, click or key, and maps the demo keys (1–7 tap a demo
/// card, 0 removes it).
class ActivityFilter : public QObject
{
public:
    ActivityFilter(SessionService &session, DemoService &demo) : m_session(session), m_demo(demo) {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::TouchBegin:
            m_session.touch();
            break;
        case QEvent::KeyPress: {
            m_session.touch();
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (m_demo.enabled() && static_cast<QKeyEvent *>(event)->modifiers() & Qt::ControlModifier) {
                if (key >= Qt::Key_1 && key <= Qt::Key_9)
                    m_demo.tap(key - Qt::Key_1);
                else if (key == Qt::Key_0)
                    m_demo.remove();
            }
            break;
        }
        default:
            break;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    SessionService &m_session;
    DemoService &m_demo;
};

// The demo and the screenshots run at a fixed local evening after the seed script's last event
// (a Monday in Li Wei's birthday week), so their screens are reproducible.
constexpr const char *kDemoNow = "2026-11-23T19:00:00+08:00";

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer startup;
    startup.start();
    const bool headless = [&] {
        for (int i = 1; i < argc; ++i)
            if (std::string_view(argv[i]) == "--screenshots" || std::string_view(argv[i]) == "--self-test" ||
                std::string_view(argv[i]) == "--bench-taps")
                return true;
        return false;
    }();
    // --help and --version print and exit inside QCommandLineParser::process(), which needs the
    // QGuiApplication: give them the display-less platform so they work anywhere.
    const bool printOnly = [&] {
        for (int i = 1; i < argc; ++i)
            for (const char *o : {"--help", "-h", "--help-all", "-?", "--version", "-v"})
                if (std::string_view(argv[i]) == o)
                    return true;
        return false;
    }();
    if (printOnly && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (headless && !qEnvironmentVariableIsSet("DISPLAY") && !qEnvironmentVariableIsSet("WAYLAND_DISPLAY") &&
        !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    if (headless)
        ScreenshotRunner::installWarningCounter();

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"tapledger-kiosk"_s);
    QGuiApplication::setApplicationVersion(u"0.1.0"_s);
    QQuickStyle::setStyle(u"Basic"_s);

    QCommandLineParser cli;
    cli.setApplicationDescription(u"TapLedger membership kiosk"_s);
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption configOpt(u"config"_s, u"Kiosk configuration (TOML), see firmware-config/kiosk.toml."_s,
                                       u"file"_s);
    const QCommandLineOption demoOpt(u"demo"_s, u"Emulated reader and cards with demo members and staff."_s);
    const QCommandLineOption selfTestOpt(u"self-test"_s, u"Load every screen once; exit 0 without QML warnings."_s);
    const QCommandLineOption shotsOpt(u"screenshots"_s, u"Render every screen in both languages to PNG files."_s,
                                      u"dir"_s);
    const QCommandLineOption dataOpt(u"data"_s, u"Data directory (overrides the configuration)."_s, u"dir"_s);
    const QCommandLineOption langOpt(u"language"_s, u"Start-up language: zh_CN or en."_s, u"code"_s);
    const QCommandLineOption benchOpt(u"bench-taps"_s,
                                      u"Demo benchmark: tap the member cards N times, print tap-to-home ms and RSS."_s,
                                      u"n"_s);
    cli.addOptions({configOpt, demoOpt, selfTestOpt, shotsOpt, dataOpt, langOpt, benchOpt});
    cli.process(app);
    const bool bench = cli.isSet(benchOpt);
    bool benchTapsOk = false;
    const int benchTaps = cli.value(benchOpt).toInt(&benchTapsOk);
    if (bench && (!benchTapsOk || benchTaps < 0))
        return die("--bench-taps needs a count >= 0");

    const bool demo = cli.isSet(demoOpt) || headless;
    fs::path configPath = cli.value(configOpt).toStdString();
    if (configPath.empty()) {
        if (!demo)
            return die("no --config given (or use --demo)");
        configPath = fs::path(TAPLEDGER_SOURCE_DIR) / "firmware-config" / "kiosk-demo.toml";
    }
    auto config = KioskConfig::load(configPath);
    if (!config)
        return die(config.error().message);
    auto policy = PolicyParser::load(config->kiosk.policy);
    if (!policy)
        return die(config->kiosk.policy.string() + ": " + policy.error().message);

    std::shared_ptr<nfc::CardKeyStore> keys;
    if (!config->reader.keyToken.empty()) {
        auto token = nfc::Pkcs11CardKeyStore::configFromUri(config->reader.keyToken);
        auto opened = token ? nfc::Pkcs11CardKeyStore::open(*token) : Result<std::unique_ptr<nfc::Pkcs11CardKeyStore>>(token.error());
        if (!opened)
            return die(opened.error().message);
        keys = std::move(*opened);
    } else {
        auto loaded = config->reader.keyStore.empty() && config->reader.emulated()
                          ? nfc::CardMasterKeys::fromJson(DemoRig::demoKeysJson())
                          : nfc::CardMasterKeys::load(config->reader.keyStore);
        if (!loaded)
            return die(loaded.error().message);
        keys = std::make_shared<nfc::CardMasterKeys>(std::move(*loaded));
    }

    // Data directory: the screenshots and the self-test always start from a fresh demo.
    QTemporaryDir scratch;
    fs::path dataDir = cli.isSet(dataOpt) ? fs::path(cli.value(dataOpt).toStdString()) : config->kiosk.dataDir;
    if (headless && !cli.isSet(dataOpt))
        dataDir = fs::path(scratch.path().toStdString()) / "data";
    const bool emulated = config->reader.emulated();
    if (emulated && !fs::exists(dataDir / "ledger.db")) {
        auto seeded = DemoRig::seed(dataDir, config->kiosk.id, *policy, *keys,
                                    fs::path(TAPLEDGER_SOURCE_DIR) / "docs" / "examples" / "kiosk-demo.sim.jsonl");
        if (!seeded)
            return die("demo seed: " + seeded.error().message);
    }

    auto calendar = VenueCalendar::create(policy->timezone, policy->weekStart);
    if (!calendar)
        return die(calendar.error().message);
    std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>();
    if (demo && emulated)
        clock = std::make_shared<ManualClock>(*calendar->parseInstant(kDemoNow));
    auto engine = Engine::open(dataDir, *policy, clock);
    if (!engine)
        return die(dataDir.string() + ": " + engine.error().message);
    (*engine)->tightenOfflineLimits({config->offline.maxRedemptions, config->offline.maxValue,
                                     config->offline.maxDenylistAge.count()});

    std::unique_ptr<DemoRig> rig;
    std::string connString = config->reader.connstring;
    if (emulated) {
        auto started = DemoRig::start(dataDir);
        if (!started)
            return die("demo reader: " + started.error().message);
        rig = std::move(*started);
        connString = rig->connString();
    }
    auto counters = CardCounterFile::open(dataDir / "card-counters.json");
    if (!counters)
        return die(counters.error().message);
    std::shared_ptr<nfc::CardCounterStore> counterStore = std::move(*counters);
    auto reader = std::make_shared<nfc::NfcCardReader>(connString);
    reader->setPollInterval(config->reader.pollInterval);
    const Ed25519SecretKey &deviceKey = (*engine)->deviceKey();
    auto terminal = std::make_unique<nfc::CardTerminal>(*reader, *keys, nfc::CardStateVerifier({deviceKey.publicKey()}),
                                                        *counterStore, config->kiosk.id);

    // Services: created here, handed to QML as singletons.
    EngineService engineService(std::move(*engine), *calendar, clock);
    SessionService session(static_cast<int>(config->timeouts.guestIdle.count() * 1000),
                           static_cast<int>(config->timeouts.staffIdle.count() * 1000));
    const QString language = cli.isSet(langOpt) ? cli.value(langOpt) : QString::fromStdString(config->kiosk.language);
    if (!LanguageService::isSupported(language))
        return die("unsupported language '" + language.toStdString() + "' (zh_CN or en)");
    LanguageService languages(language);
    StatusService status(engineService, config->hq.enabled());
    CardService cards(std::move(terminal), {reader, keys, counterStore}, deviceKey);
    cards.setReaderHandler([&status](bool ready, const QString &detail) { status.setReader(ready, detail); });
    // Sync with HQ ([hq] url set): card tokens of the fleet's active kiosks are trusted after a feed.
    cards.setTerminalFactory([reader, keys, counterStore, id = config->kiosk.id](std::vector<Ed25519PublicKey> signers) {
        return std::make_unique<nfc::CardTerminal>(*reader, *keys, nfc::CardStateVerifier(std::move(signers)),
                                                   *counterStore, id);
    });
    std::unique_ptr<SyncService> syncService;
    if (config->hq.enabled()) {
        auto client = SyncService::clientFor(config->hq, dataDir, deviceKey);
        if (!client)
            return die(client.error().message);
        syncService = std::make_unique<SyncService>(engineService, status, std::move(*client),
                                                    std::chrono::milliseconds(config->hq.syncInterval));
        syncService->setFleetKeysHandler([&cards](std::vector<Ed25519PublicKey> signers) {
            cards.setTrustedSigners(std::move(signers));
        });
        syncService->refreshFleetKeys();
    }
    TapRouter router(cards, engineService, session);
    DemoService demoService(rig ? rig->labels() : QStringList(),
                            rig ? std::function<void(int)>([&rig](int i) { rig->present(i); }) : nullptr,
                            [&rig] {
                                if (rig)
                                    rig->remove();
                            });
    EngineService::setInstance(&engineService);
    SessionService::setInstance(&session);
    LanguageService::setInstance(&languages);
    StatusService::setInstance(&status);
    CardService::setInstance(&cards);
    DemoService::setInstance(&demoService);

    ActivityFilter activity(session, demoService);
    app.installEventFilter(&activity);

    QQmlApplicationEngine qml;
    languages.setEngine(&qml);
    qml.addImageProvider(u"qr"_s, new QrImageProvider);
    qml.rootContext()->setContextProperty(u"kioskConfig"_s,
                                          QVariantMap{{u"venueName"_s, QString::fromStdString(config->kiosk.venueName)},
                                                      {u"venueType"_s, QString::fromStdString(config->kiosk.venueType)},
                                                      {u"printer"_s, QString::fromStdString(config->printer.device)},
                                                      {u"receiptSeconds"_s, static_cast<int>(config->timeouts.receipt.count())},
                                                      {u"demo"_s, demo}});
    qml.load(QUrl(u"qrc:/qt-project.org/imports/TapLedger/Ui/Main.qml"_s));
    if (qml.rootObjects().isEmpty())
        return die("the QML user interface failed to load");
    cards.start();
    if (syncService)
        syncService->start();

    auto *window = qobject_cast<QQuickWindow *>(qml.rootObjects().constFirst());
    SystemdNotifier systemd; // READY=1 at the attract screen, WATCHDOG=1 from this thread
    if (window) {
        systemd.watch(*window);
        QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&startup, bench, first = true]() mutable {
            if (first && (bench || qEnvironmentVariableIsSet("TAPLEDGER_STARTUP_REPORT"))) {
                std::printf("tapledger-kiosk: first frame after %lld ms\n", static_cast<long long>(startup.elapsed()));
                std::fflush(stdout);
            }
            first = false;
        });
    }

    std::unique_ptr<ScreenshotRunner> runner;
    std::unique_ptr<TapBenchRunner> benchRunner;
    if (bench) {
        if (!window)
            return die("the benchmark needs a window");
        benchRunner = std::make_unique<TapBenchRunner>(*window, session, demoService, benchTaps, DemoRig::kMemberCards);
        benchRunner->start();
    } else if (headless) {
        runner = std::make_unique<ScreenshotRunner>(qml, engineService, session, languages, demoService,
                                                    cli.isSet(shotsOpt) ? cli.value(shotsOpt) : QString());
        runner->start();
    }
    const int code = QGuiApplication::exec();
    if (syncService)
        syncService->stop();
    cards.stop();
    return code;
}
