// Errors as values: the data layers never print. An Error names the file, the place in it
// (a JSON path such as request.lines[1], or a byte offset) and what is wrong.
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace rd {

struct Error
{
    QString file;       // as given by the caller; may be empty for in-memory data
    QString path;       // JSON path, e.g. "answers.indication.types[0]"; empty when offset is used
    qint64 offset = -1; // byte offset when the JSON itself does not parse
    QString message;    // what is wrong, one sentence without a trailing period

    // "FILE: json.path: what is wrong" on one line (newlines in parts are replaced by spaces).
    QString toString() const;
    bool operator==(const Error&) const = default;
};

// A value or the Error that prevented it.
template <typename T> class Result
{
public:
    Result(T value) // NOLINT: implicit on purpose, like std::expected
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error) // NOLINT
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &std::get<0>(m_data); }
    const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

} // namespace rd
