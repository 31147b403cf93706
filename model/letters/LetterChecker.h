// Checks a built letter against the case before it can be signed or sent (docs/signoff.md,
// "Letter checker"). Each problem is one sentence naming the letter (kind, language), the element and
// what is missing or wrong. Signing is blocked while there is any.
#pragma once

#include "model/letters/Letter.h"

#include <QStringList>

namespace rd {

class LetterChecker
{
public:
    static QStringList check(const Letter& letter, const LetterInput& input);

    // The text between <!--element:NAME--> and <!--/element-->, as plain text; nullopt when absent.
    static std::optional<QString> element(const QString& html, const QString& name);
    // The member's part of the letter (between <!--body--> and <!--/body-->), as plain text.
    static QString body(const QString& html);
};

} // namespace rd
