#include "checklist/Decision.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace rd {

QString toString(LineOutcome outcome)
{
    switch (outcome) {
    case LineOutcome::Approve:
        return QStringLiteral("approve");
    case LineOutcome::Deny:
        return QStringLiteral("deny");
    case LineOutcome::Pend:
        return QStringLiteral("pend");
    }
    return {};
}

QString toString(OverallOutcome outcome)
{
    switch (outcome) {
    case OverallOutcome::Approved:
        return QStringLiteral("approved");
    case OverallOutcome::Denied:
        return QStringLiteral("denied");
    case OverallOutcome::Partial:
        return QStringLiteral("partial");
    case OverallOutcome::Pended:
        return QStringLiteral("pended");
    }
    return {};
}

QString formatUtc(const QDateTime& dateTime)
{
    if (!dateTime.isValid())
        return {};
    return dateTime.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('Z');
}

namespace {

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

QJsonArray reasonsArray(const QList<Reason>& reasons)
{
    QJsonArray result;
    for (const Reason& reason : reasons)
        result.append(QJsonObject{{key("id"), reason.id}, {key("text"), reason.text}});
    return result;
}

// Ordered JSON writing: QJsonObject sorts its keys, the decision JSON keeps the documented order.
class Writer
{
public:
    explicit Writer(bool indented)
        : m_indented(indented)
    {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(const char* name)
    {
        separate();
        m_out += quote(QString::fromLatin1(name));
        m_out += m_indented ? ": " : ":";
        m_afterKey = true;
    }
    void value(const QJsonValue& item)
    {
        separate();
        QByteArray text = QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact);
        m_out += text.mid(1, text.size() - 2);
    }
    QByteArray result() const { return m_out + (m_indented ? "\n" : ""); }

private:
    static QByteArray quote(const QString& text)
    {
        QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        return json.mid(1, json.size() - 2);
    }
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first.isEmpty()) {
            if (!m_first.last())
                m_out += ',';
            m_first.last() = false;
            newline();
        }
    }
    void newline()
    {
        if (!m_indented)
            return;
        m_out += '\n';
        m_out += QByteArray(4 * m_first.size(), ' ');
    }
    void open(char bracket)
    {
        separate();
        m_out += bracket;
        m_first.append(true);
    }
    void close(char bracket)
    {
        const bool empty = m_first.last();
        m_first.removeLast();
        if (!empty)
            newline();
        m_out += bracket;
    }

    bool m_indented;
    bool m_afterKey = false;
    QList<bool> m_first; // per open container: nothing written yet
    QByteArray m_out;
};

void writeReasons(Writer& writer, const QList<Reason>& reasons)
{
    writer.beginArray();
    for (const Reason& reason : reasons) {
        writer.beginObject();
        writer.key("id");
        writer.value(reason.id);
        writer.key("text");
        writer.value(reason.text);
        writer.endObject();
    }
    writer.endArray();
}

} // namespace

QJsonObject Decision::toJsonObject() const
{
    QJsonArray lineArray;
    for (const LineDecision& line : lines)
        lineArray.append(QJsonObject{{key("code"), line.code},
                                     {key("decision"), toString(line.decision)},
                                     {key("reasons"), reasonsArray(line.reasons)}});
    QJsonObject object{{key("policy"), QJsonObject{{key("id"), policyId}, {key("version"), policyVersion}}},
                       {key("overall"), toString(overall)},
                       {key("physicianReviewRequired"), physicianReviewRequired},
                       {key("dueBy"), formatUtc(dueBy)},
                       {key("lines"), lineArray},
                       {key("missingInformation"), QJsonArray::fromStringList(missingInformation)},
                       {key("advisories"), reasonsArray(advisories)}};
    if (!planType.isEmpty())
        object.insert(key("clock"), clockObject());
    return object;
}

QJsonObject Decision::clockObject() const
{
    QJsonObject clock{{key("planType"), planType}, {key("decisionDueBy"), formatUtc(dueBy)}};
    if (informationClock) {
        const InformationClock& rfi = *informationClock;
        clock.insert(
            key("informationRequest"),
            QJsonObject{{key("requestedAt"), formatUtc(rfi.requestedAt)},
                        {key("respondBy"), formatUtc(rfi.respondBy)},
                        {key("decisionHoursAfterAnswer"), double(rfi.decisionSecondsAfterAnswer) / 3600},
                        {key("decisionDueBy"), formatUtc(rfi.decisionDueBy)},
                        {key("tolled"), rfi.tolled}});
    }
    return clock;
}

QByteArray Decision::toJson(bool indented) const
{
    Writer writer(indented);
    writer.beginObject();
    writer.key("policy");
    writer.beginObject();
    writer.key("id");
    writer.value(policyId);
    writer.key("version");
    writer.value(policyVersion);
    writer.endObject();
    writer.key("overall");
    writer.value(toString(overall));
    writer.key("physicianReviewRequired");
    writer.value(physicianReviewRequired);
    writer.key("dueBy");
    writer.value(formatUtc(dueBy));
    writer.key("lines");
    writer.beginArray();
    for (const LineDecision& line : lines) {
        writer.beginObject();
        writer.key("code");
        writer.value(line.code);
        writer.key("decision");
        writer.value(toString(line.decision));
        writer.key("reasons");
        writeReasons(writer, line.reasons);
        writer.endObject();
    }
    writer.endArray();
    writer.key("missingInformation");
    writer.beginArray();
    for (const QString& id : missingInformation)
        writer.value(id);
    writer.endArray();
    writer.key("advisories");
    writeReasons(writer, advisories);
    if (!planType.isEmpty()) {
        writer.key("clock");
        writer.beginObject();
        writer.key("planType");
        writer.value(planType);
        writer.key("decisionDueBy");
        writer.value(formatUtc(dueBy));
        if (informationClock) {
            writer.key("informationRequest");
            writer.beginObject();
            writer.key("requestedAt");
            writer.value(formatUtc(informationClock->requestedAt));
            writer.key("respondBy");
            writer.value(formatUtc(informationClock->respondBy));
            writer.key("decisionHoursAfterAnswer");
            writer.value(double(informationClock->decisionSecondsAfterAnswer) / 3600);
            writer.key("decisionDueBy");
            writer.value(formatUtc(informationClock->decisionDueBy));
            writer.key("tolled");
            writer.value(informationClock->tolled);
            writer.endObject();
        }
        writer.endObject();
    }
    writer.endObject();
    return writer.result();
}

QString Decision::toText() const
{
    QString text;
    text += QStringLiteral("Policy: %1 (%2, version %3)\n").arg(policyTitle, policyId, policyVersion);
    text += QStringLiteral("Overall: %1\n").arg(toString(overall));
    text +=
        QStringLiteral("Physician review required: %1\n")
            .arg(physicianReviewRequired ? QStringLiteral("yes (a denied line needs the medical director)")
                                         : QStringLiteral("no"));
    text += QStringLiteral("Decision due by: %1\n").arg(formatUtc(dueBy));
    if (informationClock)
        text += QStringLiteral("Request for information (%1 plan): answer by %2; decision %3 hours after the "
                               "answer, at the latest %4%5\n")
                    .arg(planType, formatUtc(informationClock->respondBy))
                    .arg(double(informationClock->decisionSecondsAfterAnswer) / 3600)
                    .arg(formatUtc(informationClock->decisionDueBy),
                         informationClock->tolled ? QStringLiteral(" (the clock stops while waiting)")
                                                  : QString());
    text += QStringLiteral("\nLines:\n");
    for (const LineDecision& line : lines) {
        text += QStringLiteral("  %1  %2").arg(line.code, toString(line.decision).toUpper());
        if (!line.description.isEmpty())
            text += QStringLiteral("  (%1)").arg(line.description);
        text += QLatin1Char('\n');
        for (const Reason& reason : line.reasons)
            text += QStringLiteral("      - %1: %2\n").arg(reason.id, reason.text);
    }
    text += QStringLiteral("\nMissing information: %1\n")
                .arg(missingInformation.isEmpty() ? QStringLiteral("none")
                                                  : missingInformation.join(QStringLiteral(", ")));
    if (!advisories.isEmpty()) {
        text += QStringLiteral("\nAdvisories (they do not change the decision):\n");
        for (const Reason& advisory : advisories)
            text += QStringLiteral("  - %1: %2\n").arg(advisory.id, advisory.text);
    }
    return text;
}

} // namespace rd
