import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// One balance: label over a large figure; a tile with a clicked handler opens its details.
Rectangle {
    id: tile
    signal clicked()
    property bool tappable: false
    property string label
    property string value
    property string note
    implicitWidth: 260
    implicitHeight: 150
    radius: Theme.radius
    color: Theme.surface
    border.color: tappable ? Theme.primary : Theme.line
    border.width: tappable ? 2 : 1
    TapHandler { enabled: tile.tappable; onTapped: tile.clicked() }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        // Every line stays inside the tile in both languages: long notes take a second line,
        // broken between words (LanguageService.keepWords).
        Text { Layout.fillWidth: true; elide: Text.ElideRight; text: LanguageService.keepWords(tile.label); color: Theme.muted; font.pixelSize: Theme.small; font.family: Theme.font }
        Text { Layout.fillWidth: true; fontSizeMode: Text.HorizontalFit; minimumPixelSize: Theme.body; text: tile.value; color: Theme.text; font.pixelSize: Theme.huge - 12; font.family: Theme.font; font.bold: true }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            text: LanguageService.keepWords(tile.note); color: Theme.muted; font.pixelSize: Theme.small; font.family: Theme.font; visible: text.length > 0
        }
    }
}
