pragma Singleton
import QtQuick

// Colours, sizes and fonts of the kiosk: large touch targets (at least 64 px), high contrast.
QtObject {
    readonly property color background: "#f6f3ee"
    readonly property color surface: "#ffffff"
    readonly property color primary: "#8c2f39"
    readonly property color primaryText: "#ffffff"
    readonly property color text: "#1d1d1f"
    readonly property color muted: "#6b6b70"
    readonly property color good: "#2e7d32"
    readonly property color bad: "#c62828"
    readonly property color line: "#ddd6cc"
    // Disabled controls: #55555a on #ece8e1 is 6:1, readable, clearly not active.
    readonly property color disabled: "#ece8e1"
    readonly property color disabledText: "#55555a"
    readonly property int touch: 72
    readonly property int field: 64             // text fields, check boxes: the minimum touch target
    readonly property int gap: 16
    readonly property int radius: 14
    readonly property int small: 18
    readonly property int body: 22
    readonly property int title: 32
    readonly property int huge: 56
    readonly property string font: "WenQuanYi Micro Hei"
}
