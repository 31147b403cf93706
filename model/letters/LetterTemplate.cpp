#include "model/letters/LetterTemplate.h"

#include <QList>
#include <QVariantList>

namespace rd::LetterTemplate {

namespace {

class Renderer
{
public:
    Renderer(const QString& text, const QString& name)
        : m_text(text)
        , m_name(name)
    {}

    // Renders m_text[from, to) with the context stack. Returns false on error.
    bool render(qsizetype from, qsizetype to, QList<QVariantMap>& stack, QString& out)
    {
        qsizetype pos = from;
        while (pos < to) {
            const qsizetype open = m_text.indexOf(QLatin1String("{{"), pos);
            if (open < 0 || open >= to) {
                out += QStringView(m_text).mid(pos, to - pos);
                return true;
            }
            out += QStringView(m_text).mid(pos, open - pos);
            const bool raw = m_text.mid(open, 3) == QLatin1String("{{{");
            const qsizetype close = m_text.indexOf(raw ? QLatin1String("}}}") : QLatin1String("}}"), open);
            if (close < 0 || close >= to)
                return fail(open, QStringLiteral("a tag is not closed"));
            const QString tag = m_text.mid(open + (raw ? 3 : 2), close - open - (raw ? 3 : 2)).trimmed();
            pos = close + (raw ? 3 : 2);
            if (tag.isEmpty())
                return fail(open, QStringLiteral("an empty tag"));
            const QChar sigil = tag.at(0);
            if (sigil == QLatin1Char('#') || sigil == QLatin1Char('^')) {
                const QString name = tag.mid(1).trimmed();
                const QString endTag = QStringLiteral("{{/") + name + QStringLiteral("}}");
                const qsizetype end = findEnd(name, pos, to);
                if (end < 0)
                    return fail(open, QStringLiteral("section %1 has no {{/%1}}").arg(name));
                QVariant value;
                if (!lookup(name, stack, &value))
                    return fail(open, QStringLiteral("unknown name %1").arg(name));
                if (sigil == QLatin1Char('^')) {
                    if (!truthy(value) && !render(pos, end, stack, out))
                        return false;
                } else if (value.typeId() == QMetaType::QVariantList) {
                    const QVariantList items = value.toList();
                    for (const QVariant& item : items) {
                        stack.append(item.toMap());
                        const bool ok = render(pos, end, stack, out);
                        stack.removeLast();
                        if (!ok)
                            return false;
                    }
                } else if (truthy(value)) {
                    if (value.typeId() == QMetaType::QVariantMap)
                        stack.append(value.toMap());
                    const bool ok = render(pos, end, stack, out);
                    if (value.typeId() == QMetaType::QVariantMap)
                        stack.removeLast();
                    if (!ok)
                        return false;
                }
                pos = end + endTag.size();
            } else if (sigil == QLatin1Char('/')) {
                return fail(open, QStringLiteral("%1 closes no open section").arg(tag));
            } else if (sigil == QLatin1Char('!')) {
                // a comment
            } else {
                QVariant value;
                if (!lookup(tag, stack, &value))
                    return fail(open, QStringLiteral("unknown name %1").arg(tag));
                out += raw ? value.toString() : value.toString().toHtmlEscaped();
            }
        }
        return true;
    }

    QString error() const { return m_error; }

private:
    // The matching {{/name}}, skipping nested sections of the same name.
    qsizetype findEnd(const QString& name, qsizetype from, qsizetype to) const
    {
        const QString openA = QStringLiteral("{{#") + name + QStringLiteral("}}");
        const QString openB = QStringLiteral("{{^") + name + QStringLiteral("}}");
        const QString close = QStringLiteral("{{/") + name + QStringLiteral("}}");
        int depth = 0;
        qsizetype pos = from;
        while (pos < to) {
            const qsizetype next = m_text.indexOf(QLatin1String("{{"), pos);
            if (next < 0 || next >= to)
                return -1;
            if (m_text.mid(next, close.size()) == close) {
                if (depth == 0)
                    return next;
                --depth;
            } else if (m_text.mid(next, openA.size()) == openA || m_text.mid(next, openB.size()) == openB) {
                ++depth;
            }
            pos = next + 2;
        }
        return -1;
    }

    static bool lookup(const QString& name, const QList<QVariantMap>& stack, QVariant* value)
    {
        for (qsizetype i = stack.size() - 1; i >= 0; --i) {
            const auto it = stack.at(i).constFind(name);
            if (it != stack.at(i).cend()) {
                *value = *it;
                return true;
            }
        }
        return false;
    }

    static bool truthy(const QVariant& value)
    {
        switch (value.typeId()) {
        case QMetaType::Bool:
            return value.toBool();
        case QMetaType::QVariantList:
            return !value.toList().isEmpty();
        case QMetaType::QVariantMap:
            return true;
        case QMetaType::QString:
            return !value.toString().trimmed().isEmpty();
        default:
            return value.isValid() && !value.isNull();
        }
    }

    bool fail(qsizetype offset, const QString& what)
    {
        const qsizetype line = m_text.left(offset).count(QLatin1Char('\n')) + 1;
        m_error = QStringLiteral("%1: line %2: %3").arg(m_name).arg(line).arg(what);
        return false;
    }

    const QString& m_text;
    QString m_name;
    QString m_error;
};

} // namespace

std::optional<QString> render(const QString& templateText, const QVariantMap& context,
                              const QString& templateName, QString* error)
{
    Renderer renderer(templateText, templateName);
    QList<QVariantMap> stack{context};
    QString out;
    if (!renderer.render(0, templateText.size(), stack, out)) {
        *error = renderer.error();
        return std::nullopt;
    }
    return out;
}

} // namespace rd::LetterTemplate
