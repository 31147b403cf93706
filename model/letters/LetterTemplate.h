// A small logic-less template language for the letter templates (resources/letters/*/letter.html):
//   {{name}}            the value, HTML-escaped
//   {{{name}}}          the value as is (for HTML the program built itself)
//   {{#name}}...{{/name}}  a section: repeated for each item of a list, shown once for a true value or
//                          a non-empty string, skipped otherwise
//   {{^name}}...{{/name}}  an inverted section: shown when the value is false, empty or missing
// Names are looked up in the innermost list item first, then outwards. A name found nowhere is an
// error (a template and its program must agree), reported with the template's name.
#pragma once

#include <QString>
#include <QVariantMap>

#include <optional>

namespace rd::LetterTemplate {

// Returns the filled text, or nothing and *error set (an empty template fills to an empty text).
std::optional<QString> render(const QString& templateText, const QVariantMap& context,
                              const QString& templateName, QString* error);

} // namespace rd::LetterTemplate
