import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// A 1–5 rating and an optional complaint (category + text), recorded in the ledger.
Item {
    id: screen
    objectName: "feedbackScreen"
    signal go(string name)
    property int rating: 0
    property string category: ""
    FeedbackController {
        id: ctl; engineService: EngineService; session: SessionService; venueType: kioskConfig.venueType
        onSubmitted: screen.go("home")
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: ctl.question(LanguageService.language, ctl.venueType); onBack: screen.go("home") }
        RowLayout {
            spacing: 8
            Repeater {
                model: 5
                BigButton {
                    required property int index
                    implicitWidth: 100
                    primary: screen.rating > index
                    // Filled up to the rating, hollow above it: visible without relying on colour.
                    text: screen.rating > index ? "★" : "☆"
                    onClicked: screen.rating = index + 1
                }
            }
            Text {
                objectName: "ratingChosen"
                text: screen.rating > 0 ? qsTr("%1 of 5 stars").arg(screen.rating) : qsTr("Tap a star")
                font.pixelSize: Theme.body; font.family: Theme.font; font.bold: screen.rating > 0; color: Theme.text
            }
        }
        Text { text: qsTr("Something to tell us?"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text }
        Flow {
            Layout.fillWidth: true
            spacing: 8
            Repeater {
                model: ctl.categories
                BigButton {
                    required property string modelData
                    implicitWidth: 200
                    primary: screen.category === modelData
                    text: modelData === "food" ? qsTr("Food") : modelData === "service" ? qsTr("Service")
                        : modelData === "cleanliness" ? qsTr("Cleanliness") : modelData === "waiting_time" ? qsTr("Waiting time")
                        : modelData === "other" ? qsTr("Other") : EngineService.label(modelData, LanguageService.language)
                    onClicked: screen.category = (screen.category === modelData ? "" : modelData)
                }
            }
        }
        TextArea {
            id: comment
            Layout.fillWidth: true
            Layout.preferredHeight: 120
            font.pixelSize: Theme.body
            placeholderText: qsTr("Your comment (optional)")
        }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        BigButton { text: qsTr("Send"); onClicked: ctl.submit(screen.rating, screen.category, comment.text) }
    }
}
