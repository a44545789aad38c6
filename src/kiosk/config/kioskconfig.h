#pragma once

#include "core/result.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger::kiosk {

/// The kiosk's configuration file (TOML 1.0, e.g. /etc/tapledger/kiosk.toml; reference in
/// docs/operations.md "Kiosk configuration", commented samples in firmware-config/).
///
/// A plain value: parsing validates every key and either yields a complete configuration or an
/// error naming the file, the line, the key and what is allowed. Unknown tables and keys are
/// errors, so a typo is never silently ignored. Relative paths are resolved against the
/// directory of the configuration file. Only the text is checked: whether the files it names exist
/// and are usable is for the services that open them to report.
class KioskConfig
{
public:
    /// The reader connection string that selects the in-process DESFire/PN532 emulator (demo, CI).
    static constexpr std::string_view kEmulatedReader = "emulated";

    /// `[kiosk]`: identity and local storage.
    struct Kiosk
    {
        std::string id;                 ///< `id`: 1..63 chars of [A-Za-z0-9._-]; required
        std::filesystem::path dataDir;  ///< `data_dir`: data directory (docs/operations.md); required
        std::string language = "zh_CN"; ///< `language`: start-up UI language, "zh_CN" or "en"
        std::filesystem::path policy;   ///< `policy`: program policy JSON (docs/policy.md); required
        std::string venueName;          ///< `venue_name`: shown on screens and receipts; "" = none
        /// `venue_type`: "hotel", "restaurant", "club" or "shop"; picks the wording that fits the
        /// venue (the feedback question). "" = not set: neutral wording.
        std::string venueType;
    };

    /// The accepted `venue_type` values.
    static constexpr std::array<std::string_view, 4> kVenueTypes{"hotel", "restaurant", "club", "shop"};

    /// `[reader]`: the NFC card reader.
    struct Reader
    {
        /// `connstring`: libnfc 1.8 connection string ("pn532_uart:/dev/ttyUSB0", "acr122_usb"),
        /// kEmulatedReader, or "" = libnfc's default device (libnfc.conf, then auto-scan).
        std::string connstring;
        /// `poll_interval_ms`: pause between card removal checks (and between rounds while the
        /// reader is away or a foreign tag lies on it), 10..1000 ms. A card's arrival is seen by
        /// the chip's InAutoPoll, not by this period.
        std::chrono::milliseconds pollInterval{50};
        /// `key_store`: card master key file (JSON, mode 0600; nfc::CardMasterKeys). Required for
        /// a real reader; "" with the emulated reader = the demo's built-in keys.
        std::filesystem::path keyStore;
        /// `key_token`: card masters in a PKCS#11 token instead of the file
        /// ("pkcs11:module=<path>;token=<label>;pin-file=<path>", nfc::Pkcs11CardKeyStore);
        /// "" = use key_store. When set, key_store must be "".
        std::string keyToken;

        /// True for the in-process emulator.
        bool emulated() const noexcept { return connstring == kEmulatedReader; }
    };

    /// `[hq]`: headquarters sync over HTTPS with mutual TLS.
    struct Hq
    {
        std::string url;                       ///< `url`: "https://host[:port][/path]", "" = standalone
        std::chrono::seconds syncInterval{60}; ///< `sync_interval_s`: 5..86400 s
        std::filesystem::path caFile;          ///< `ca_file`: PEM CA that signed HQ's certificate
        std::filesystem::path certFile;        ///< `cert_file`: PEM device certificate from provisioning
        std::filesystem::path keyFile;         ///< `key_file`: PEM private key of that certificate (0600)

        /// True when a URL is set; then all three TLS files are set too.
        bool enabled() const noexcept { return !url.empty(); }
    };

    /// `[timeouts]`: idle timeouts back to the attract screen.
    struct Timeouts
    {
        std::chrono::seconds guestIdle{30};  ///< `guest_idle_s`: 5..600 s without a touch, member view
        std::chrono::seconds staffIdle{900}; ///< `staff_idle_s`: 60..7200 s, staff session logs out
        std::chrono::seconds receipt{10};    ///< `receipt_s`: 3..120 s the receipt screen stays up
    };

    /// `[offline]`: the bounds on offline spending (DESIGN invariant 6).
    struct Offline
    {
        /// `max_redemptions`: per card since its last online contact, 0..1000; 0 = none offline.
        int64_t maxRedemptions = 5;
        /// `max_value`: stored value a card may spend offline since its last online contact, in
        /// minor units of the policy's currency, 0..100000000; 0 = none offline.
        int64_t maxValue = 50000;
        /// `max_denylist_age_hours`: past this deny-list age the kiosk refuses offline spending, 1..720 h.
        std::chrono::hours maxDenylistAge{72};
    };

    /// `[printer]`: receipt printer.
    struct Printer
    {
        std::filesystem::path device; ///< `device`: absolute device node (e.g. /dev/usb/lp0); "" = none

        /// True when a printer is configured.
        bool enabled() const noexcept { return !device.empty(); }
    };

    Kiosk kiosk;
    Reader reader;
    Hq hq;
    Timeouts timeouts;
    Offline offline;
    Printer printer;

    /// Reads and parses @p file; relative paths inside are resolved against its directory (made
    /// absolute). NotFound when the file is missing, Io when unreadable, otherwise as parse().
    static Result<KioskConfig> load(const std::filesystem::path &file);

    /// Parses TOML text. @p sourceName prefixes every message ("kiosk.toml:12: ..."). Relative
    /// paths are joined to @p baseDir ("" keeps them relative). InvalidArgument for a syntax error
    /// (with line:column), an unknown table or key, a wrong type, a missing required key or a value
    /// out of range; the message names the key and what is allowed. Stops at the first error.
    static Result<KioskConfig> parse(std::string_view toml, std::string_view sourceName,
                                     const std::filesystem::path &baseDir = {});

    /// Every accepted key as "table.key", in documentation order (for docs and sample checks).
    static std::vector<std::string> knownKeys();
};

} // namespace tapledger::kiosk
