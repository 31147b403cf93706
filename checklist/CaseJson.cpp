#include "checklist/CaseJson.h"

#include "checklist/JsonIn.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace rd {

using namespace JsonIn;

namespace {

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

QRectF readRect(const QJsonValue& value, const QString& path)
{
    const QJsonArray items = array(value, path);
    if (items.size() != 4)
        fail(path, QStringLiteral("must be [x, y, width, height]"));
    double numbers[4] = {};
    for (qsizetype i = 0; i < 4; ++i) {
        if (!items.at(i).isDouble() || !std::isfinite(items.at(i).toDouble()))
            fail(index(path, i), QStringLiteral("must be a number, not %1").arg(typeName(items.at(i))));
        numbers[i] = items.at(i).toDouble();
    }
    if (numbers[2] <= 0 || numbers[3] <= 0)
        fail(path, QStringLiteral("width and height must be greater than 0"));
    return QRectF(numbers[0], numbers[1], numbers[2], numbers[3]);
}

Evidence readEvidence(const QJsonValue& value, const QString& path)
{
    const QJsonObject object = JsonIn::object(value, path);
    Evidence evidence;
    evidence.attachment = nonEmptyString(object, path, key("attachment"));
    evidence.page = integer(required(object, path, key("page")), member(path, key("page")), 1, 1000000);
    evidence.quote = optionalString(object, path, key("quote"));
    if (const auto rect = optional(object, key("rect")))
        evidence.rect = readRect(*rect, member(path, key("rect")));
    return evidence;
}

Answer readAnswer(const QJsonValue& value, const QString& path)
{
    const QJsonObject object = JsonIn::object(value, path);
    Answer answer;
    const QString valuePath = member(path, key("value"));
    const QString text = requiredString(object, path, key("value"));
    const std::optional<AnswerValue> known = answerValueFromString(text);
    if (!known)
        fail(valuePath, QStringLiteral("%1 is not an answer (expected %2)")
                            .arg(quoted(text.left(40)), quotedList(answerValueNames())));
    answer.value = *known;
    if (const auto types = optional(object, key("types")))
        answer.types = stringList(*types, member(path, key("types")));
    answer.note = optionalString(object, path, key("note"));
    if (const auto evidence = optional(object, key("evidence"))) {
        const QString evidencePath = member(path, key("evidence"));
        const QJsonArray items = array(*evidence, evidencePath);
        for (qsizetype i = 0; i < items.size(); ++i)
            answer.evidence.append(readEvidence(items.at(i), index(evidencePath, i)));
    }
    return answer;
}

Address readAddress(const QJsonValue& value, const QString& path)
{
    const QJsonObject object = JsonIn::object(value, path);
    Address address;
    if (const auto lines = optional(object, key("lines")))
        address.lines = stringList(*lines, member(path, key("lines")));
    address.city = optionalString(object, path, key("city"));
    address.state = optionalString(object, path, key("state"));
    address.postalCode = optionalString(object, path, key("postalCode"));
    return address;
}

void readMemberContact(const QJsonObject& memberObject, const QString& memberPath, Member* target)
{
    if (const auto language = optional(memberObject, key("language"))) {
        const QString path = member(memberPath, key("language"));
        const QString text = string(*language, path);
        if (!memberLanguages().contains(text))
            fail(path, QStringLiteral("%1 is not a letter language (expected %2)")
                           .arg(quoted(text.left(40)), quotedList(memberLanguages())));
        target->language = text;
    }
    if (const auto address = optional(memberObject, key("address")))
        target->address = readAddress(*address, member(memberPath, key("address")));
    if (const auto guardian = optional(memberObject, key("guardian"))) {
        const QString path = member(memberPath, key("guardian"));
        target->guardianName = optionalString(JsonIn::object(*guardian, path), path, key("name"));
    }
}

// What a case JSON may hold (docs/policy-file-format.md, "Case JSON"): more is refused, naming the
// field, before anything is stored.
constexpr qsizetype kMaxFileBytes = 4 << 20;
constexpr qsizetype kMaxText = 20000; // a note, the clinical question, a quote
constexpr qsizetype kMaxName = 200;   // a person's or provider's name, an address line
constexpr qsizetype kMaxIdentifier = 64;
constexpr qsizetype kMaxLines = 20;
constexpr qsizetype kMaxDiagnoses = 50;
constexpr qsizetype kMaxAnswers = 500;
constexpr qsizetype kMaxListItems = 200; // types, evidence items, address lines of one field
constexpr int kMaxDepth = 8;             // the deepest valid case JSON nests 6 levels

// Characters that have no place in a name or an identifier: controls (NUL included) and the
// bidirectional controls that make text read differently from what it holds.
bool hasHiddenCharacters(const QString& text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (c.category() == QChar::Other_Control || u == 0x061C || u == 0x200E || u == 0x200F ||
            (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069))
            return true;
    }
    return false;
}

void checkText(const QString& text, const QString& path, qsizetype maxLength)
{
    if (text.size() > maxLength)
        fail(path, QStringLiteral("is longer than %1 characters").arg(maxLength));
}

void checkName(const QString& text, const QString& path, qsizetype maxLength = kMaxName)
{
    checkText(text, path, maxLength);
    if (hasHiddenCharacters(text))
        fail(path, QStringLiteral("holds a control or bidirectional-override character"));
}

void checkCount(qsizetype count, const QString& path, qsizetype maxCount)
{
    if (count > maxCount)
        fail(path, QStringLiteral("lists %1 items; at most %2 are accepted").arg(count).arg(maxCount));
}

void checkLimits(const CaseData& data)
{
    checkName(data.member.id, key("member.id"), kMaxIdentifier);
    checkName(data.member.name, key("member.name"));
    checkName(data.member.guardianName, key("member.guardian.name"));
    checkCount(data.member.address.lines.size(), key("member.address.lines"), 6);
    for (qsizetype i = 0; i < data.member.address.lines.size(); ++i)
        checkName(data.member.address.lines.at(i), index(key("member.address.lines"), i));
    checkName(data.member.address.city, key("member.address.city"));
    checkName(data.member.address.state, key("member.address.state"));
    checkName(data.member.address.postalCode, key("member.address.postalCode"), kMaxIdentifier);
    checkName(data.provider.name, key("provider.name"));
    checkCount(data.request.lines.size(), key("request.lines"), kMaxLines);
    for (qsizetype i = 0; i < data.request.lines.size(); ++i)
        checkName(data.request.lines.at(i), index(key("request.lines"), i), kMaxIdentifier);
    checkCount(data.request.diagnoses.size(), key("request.diagnoses"), kMaxDiagnoses);
    for (qsizetype i = 0; i < data.request.diagnoses.size(); ++i)
        checkName(data.request.diagnoses.at(i), index(key("request.diagnoses"), i), kMaxIdentifier);
    checkText(data.request.clinicalQuestion, key("request.clinicalQuestion"), kMaxText);
    checkCount(data.answers.size(), key("answers"), kMaxAnswers);
    for (auto it = data.answers.cbegin(); it != data.answers.cend(); ++it) {
        const QString path = member(key("answers"), it.key());
        checkName(it.key(), path, kMaxIdentifier);
        checkText(it->note, member(path, key("note")), kMaxText);
        checkCount(it->types.size(), member(path, key("types")), kMaxListItems);
        checkCount(it->evidence.size(), member(path, key("evidence")), kMaxListItems);
        for (qsizetype i = 0; i < it->evidence.size(); ++i) {
            const QString itemPath = index(member(path, key("evidence")), i);
            checkName(it->evidence.at(i).attachment, member(itemPath, key("attachment")), 255);
            checkText(it->evidence.at(i).quote, member(itemPath, key("quote")), kMaxText);
        }
    }
}

CaseData readCase(const QJsonObject& root)
{
    CaseData data;

    const QString memberPath = key("member");
    const QJsonObject memberObject = object(required(root, {}, memberPath), memberPath);
    data.member.id = requiredString(memberObject, memberPath, key("id"));
    data.member.name = optionalString(memberObject, memberPath, key("name"));
    data.member.birthDate =
        date(required(memberObject, memberPath, key("birthDate")), member(memberPath, key("birthDate")));
    readMemberContact(memberObject, memberPath, &data.member);

    if (const auto provider = optional(root, key("provider"))) {
        const QString providerPath = key("provider");
        const QJsonObject providerObject = object(*provider, providerPath);
        data.provider.name = optionalString(providerObject, providerPath, key("name"));
        data.provider.npi = optionalString(providerObject, providerPath, key("npi"));
        static const QRegularExpression npiShape(QStringLiteral("^[0-9]{10}$"));
        if (!data.provider.npi.isEmpty() && !npiShape.match(data.provider.npi).hasMatch())
            fail(member(providerPath, key("npi")), QStringLiteral("an NPI is 10 digits"));
    }

    const QString requestPath = key("request");
    const QJsonObject request = object(required(root, {}, requestPath), requestPath);
    data.request.receivedAt = dateTimeUtc(required(request, requestPath, key("receivedAt")),
                                          member(requestPath, key("receivedAt")));
    const QString urgency = requiredString(request, requestPath, key("urgency"));
    const auto parsedUrgency = urgencyFromString(urgency);
    if (!parsedUrgency)
        fail(member(requestPath, key("urgency")),
             QStringLiteral("%1 is not an urgency (expected 'standard' or 'expedited')")
                 .arg(quoted(urgency.left(40))));
    data.request.urgency = *parsedUrgency;
    data.request.serviceDate =
        date(required(request, requestPath, key("serviceDate")), member(requestPath, key("serviceDate")));
    data.request.lines =
        stringList(required(request, requestPath, key("lines")), member(requestPath, key("lines")));
    data.request.diagnoses =
        stringList(required(request, requestPath, key("diagnoses")), member(requestPath, key("diagnoses")));
    if (const auto prior = optional(request, key("priorStudyDate")))
        data.request.priorStudyDate = date(*prior, member(requestPath, key("priorStudyDate")));
    data.request.clinicalQuestion = optionalString(request, requestPath, key("clinicalQuestion"));

    if (const auto answers = optional(root, key("answers"))) {
        const QString answersPath = key("answers");
        const QJsonObject answersObject = object(*answers, answersPath);
        for (auto it = answersObject.constBegin(); it != answersObject.constEnd(); ++it)
            data.answers.insert(it.key(), readAnswer(it.value(), member(answersPath, it.key())));
    }

    if (const auto status = optional(root, key("status"))) {
        const QString text = string(*status, key("status"));
        const auto parsed = caseStatusFromString(text);
        if (!parsed)
            fail(key("status"), QStringLiteral("%1 is not a case status").arg(quoted(text.left(40))));
        data.status = *parsed;
    }
    checkLimits(data);
    return data;
}

// Facts that cannot be true (review-rules.md, "Facts taken from the request").
void checkFacts(const Request& request, const Member& memberData)
{
    if (memberData.birthDate.isValid() && request.serviceDate.isValid() &&
        memberData.birthDate > request.serviceDate)
        fail(key("member.birthDate"),
             QStringLiteral("%1 is after the service date %2")
                 .arg(dateText(memberData.birthDate), dateText(request.serviceDate)));
    if (!request.priorStudyDate || !request.priorStudyDate->isValid())
        return;
    const QDate prior = *request.priorStudyDate;
    const QDate received = request.receivedAt.toUTC().date();
    if (received.isValid() && prior > received)
        fail(key("request.priorStudyDate"),
             QStringLiteral(
                 "%1 is after the date the request was received (%2): a prior study cannot be later")
                 .arg(dateText(prior), dateText(received)));
    if (request.serviceDate.isValid() && prior > request.serviceDate)
        fail(key("request.priorStudyDate"),
             QStringLiteral("%1 is after the service date %2: a prior study cannot be later")
                 .arg(dateText(prior), dateText(request.serviceDate)));
}

void validateCase(const CaseData& data, const Policy& policy)
{
    checkFacts(data.request, data.member);
    const QString linesPath = key("request.lines");
    if (data.request.lines.isEmpty())
        fail(linesPath, QStringLiteral("must list at least one code (policy %1 codes: %2)")
                            .arg(policy.id, quotedList(policy.codeList())));
    for (qsizetype i = 0; i < data.request.lines.size(); ++i) {
        const QString& code = data.request.lines.at(i);
        if (!policy.code(code))
            fail(index(linesPath, i),
                 QStringLiteral("unknown code %1; policy %2 covers %3")
                     .arg(quoted(code.left(40)), policy.id, quotedList(policy.codeList())));
        if (data.request.lines.indexOf(code) != i)
            fail(index(linesPath, i), QStringLiteral("code %1 is requested twice").arg(quoted(code)));
    }
    for (qsizetype i = 0; i < data.request.diagnoses.size(); ++i) {
        const QString& code = data.request.diagnoses.at(i);
        if (!CaseJson::isIcd10Shaped(code))
            fail(index(key("request.diagnoses"), i),
                 QStringLiteral(
                     "%1 is not an ICD-10-CM code (letter, digit, letter or digit, then an optional dot "
                     "and up to 4 letters or digits)")
                     .arg(quoted(code.left(40))));
    }
    for (auto it = data.answers.constBegin(); it != data.answers.constEnd(); ++it) {
        const QString path = member(key("answers"), it.key());
        const Judgment* judgment = policy.judgment(it.key());
        if (!judgment)
            fail(path, QStringLiteral("unknown judgment id %1 (not in policy %2)")
                           .arg(quoted(it.key().left(60)), policy.id));
        const Answer& answer = it.value();
        if (!answerValues(judgment->kind).contains(answer.value))
            fail(member(path, key("value")),
                 QStringLiteral("%1 is not an answer to a %2 (expected %3)")
                     .arg(quoted(toString(answer.value)), toString(judgment->kind),
                          quotedList(answerValueNames(judgment->kind))));
        const QString typesPath = member(path, key("types"));
        if (!answer.types.isEmpty() && judgment->types.isEmpty())
            fail(typesPath, QStringLiteral("judgment %1 has no types").arg(quoted(judgment->id)));
        QStringList known;
        for (const JudgmentType& type : judgment->types)
            known.append(type.id);
        for (qsizetype i = 0; i < answer.types.size(); ++i) {
            const QString& type = answer.types.at(i);
            if (!known.contains(type))
                fail(index(typesPath, i),
                     QStringLiteral("unknown type %1 for %2 (expected %3)")
                         .arg(quoted(type.left(40)), quoted(judgment->id), quotedList(known)));
            if (answer.types.indexOf(type) != i)
                fail(index(typesPath, i), QStringLiteral("type %1 is listed twice").arg(quoted(type)));
        }
        if (!judgment->types.isEmpty() && answer.value == AnswerValue::Met && answer.types.isEmpty())
            fail(typesPath,
                 QStringLiteral("%1 is %2 but no type is given (expected one or more of %3)")
                     .arg(quoted(judgment->id), quoted(toString(answer.value)), quotedList(known)));
        for (qsizetype i = 0; i < answer.evidence.size(); ++i) {
            const QString evidencePath = index(member(path, key("evidence")), i);
            if (answer.evidence.at(i).attachment.trimmed().isEmpty())
                fail(member(evidencePath, key("attachment")), QStringLiteral("must not be empty"));
            if (answer.evidence.at(i).page < 1)
                fail(member(evidencePath, key("page")), QStringLiteral("must be 1 or more"));
        }
    }
}

QJsonValue dateValue(const QDate& date)
{
    return date.isValid() ? QJsonValue(dateText(date)) : QJsonValue(QJsonValue::Null);
}

} // namespace

bool CaseJson::isIcd10Shaped(const QString& code)
{
    static const QRegularExpression shape(
        QStringLiteral("^[A-Za-z][0-9][A-Za-z0-9](\\.?[A-Za-z0-9]{1,4})?$"));
    return shape.match(code).hasMatch();
}

Result<CaseData> CaseJson::parseStructure(const QByteArray& json, const QString& fileName)
{
    if (json.size() > kMaxFileBytes)
        return Error{fileName, {}, -1, QStringLiteral("is over 4 MiB: not a case JSON")};
    return JsonIn::readDocument<CaseData>(
        json, fileName, [](const QJsonObject& root) { return readCase(root); },
        JsonIn::Limits{kMaxDepth, kMaxText});
}

std::optional<Error> CaseJson::validate(const CaseData& data, const Policy& policy)
{
    try {
        validateCase(data, policy);
    } catch (const Failure& failure) {
        return Error{{}, failure.path, -1, failure.message};
    }
    return std::nullopt;
}

Result<CaseData> CaseJson::parse(const QByteArray& json, const Policy& policy, const QString& fileName)
{
    Result<CaseData> parsed = parseStructure(json, fileName);
    if (!parsed)
        return parsed;
    // case-exchange.md: unknown keys are ignored; so are answers under ids the policy does not have.
    CaseData data = std::move(parsed).value();
    data.answers.removeIf([&policy](const auto& answer) { return policy.judgment(answer.key()) == nullptr; });
    if (auto error = validate(data, policy)) {
        error->file = fileName;
        return *error;
    }
    return data;
}

Result<CaseData> CaseJson::readFile(const QString& path, const Policy& policy)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{path, {}, -1, QStringLiteral("cannot read: ") + file.errorString()};
    // Read one byte past the limit: a device or a huge file is not read whole.
    return parse(file.read(kMaxFileBytes + 1), policy, path);
}

QJsonObject CaseJson::memberObject(const Member& member)
{
    QJsonObject object{
        {key("id"), member.id}, {key("name"), member.name}, {key("birthDate"), dateValue(member.birthDate)}};
    if (member.language != QLatin1String("en"))
        object.insert(key("language"), member.language);
    if (!member.address.isEmpty())
        object.insert(key("address"),
                      QJsonObject{{key("lines"), QJsonArray::fromStringList(member.address.lines)},
                                  {key("city"), member.address.city},
                                  {key("state"), member.address.state},
                                  {key("postalCode"), member.address.postalCode}});
    if (!member.guardianName.isEmpty())
        object.insert(key("guardian"), QJsonObject{{key("name"), member.guardianName}});
    return object;
}

QJsonObject CaseJson::toJsonObject(const CaseData& data)
{
    const QJsonObject memberObject = CaseJson::memberObject(data.member);
    QJsonObject providerObject{{key("name"), data.provider.name}, {key("npi"), data.provider.npi}};
    QJsonObject request{{key("receivedAt"), data.request.receivedAt.isValid()
                                                ? QJsonValue(dateTimeText(data.request.receivedAt))
                                                : QJsonValue(QJsonValue::Null)},
                        {key("urgency"), toString(data.request.urgency)},
                        {key("serviceDate"), dateValue(data.request.serviceDate)},
                        {key("lines"), QJsonArray::fromStringList(data.request.lines)},
                        {key("diagnoses"), QJsonArray::fromStringList(data.request.diagnoses)},
                        {key("priorStudyDate"), data.request.priorStudyDate
                                                    ? dateValue(*data.request.priorStudyDate)
                                                    : QJsonValue(QJsonValue::Null)},
                        {key("clinicalQuestion"), data.request.clinicalQuestion}};
    QJsonObject answers;
    for (auto it = data.answers.constBegin(); it != data.answers.constEnd(); ++it) {
        const Answer& answer = it.value();
        QJsonObject object{{key("value"), toString(answer.value)}};
        if (!answer.types.isEmpty())
            object.insert(key("types"), QJsonArray::fromStringList(answer.types));
        if (!answer.note.isEmpty())
            object.insert(key("note"), answer.note);
        if (!answer.evidence.isEmpty()) {
            QJsonArray evidence;
            for (const Evidence& item : answer.evidence) {
                QJsonObject itemObject{{key("attachment"), item.attachment}, {key("page"), item.page}};
                if (!item.quote.isEmpty())
                    itemObject.insert(key("quote"), item.quote);
                if (!item.rect.isNull())
                    itemObject.insert(key("rect"), QJsonArray{item.rect.x(), item.rect.y(), item.rect.width(),
                                                              item.rect.height()});
                evidence.append(itemObject);
            }
            object.insert(key("evidence"), evidence);
        }
        answers.insert(it.key(), object);
    }
    return QJsonObject{{key("member"), memberObject},
                       {key("provider"), providerObject},
                       {key("request"), request},
                       {key("answers"), answers},
                       {key("status"), toString(data.status)}};
}

QByteArray CaseJson::toJson(const CaseData& data, QJsonDocument::JsonFormat format)
{
    return QJsonDocument(toJsonObject(data)).toJson(format);
}

} // namespace rd
