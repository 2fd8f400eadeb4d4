// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <type_traits>
#include <utility>
#include <variant>

namespace CallBridge {

// The error of a fallible call: a message a person can act on.
struct Error
{
    QString message;
};

template<typename E> struct Failure
{
    E error;
};

template<typename E>
requires(!std::is_convertible_v<E, QString>) Failure<std::decay_t<E>> fail(E &&error)
{
    return { std::forward<E>(error) };
}

inline Failure<Error> fail(QString message)
{
    return { Error { std::move(message) } };
}

// A value or an error; never both, never neither.
template<typename T, typename E = Error> class [[nodiscard]] Result
{
public:
    using ValueType = T;
    using ErrorType = E;

    Result(const T &value) : m_state(std::in_place_index<0>, value) { }
    Result(T &&value) : m_state(std::in_place_index<0>, std::move(value)) { }
    Result(Failure<E> failure) : m_state(std::in_place_index<1>, std::move(failure.error)) { }

    bool hasValue() const { return m_state.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T *operator->() const { return &std::get<0>(m_state); }
    T *operator->() { return &std::get<0>(m_state); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }

    const E &error() const { return std::get<1>(m_state); }

    T valueOr(T fallback) const { return hasValue() ? value() : std::move(fallback); }

    // f: const T & -> Result<U, E>
    template<typename F> auto andThen(F &&f) const -> std::invoke_result_t<F, const T &>
    {
        if (hasValue())
            return std::forward<F>(f)(value());
        return Failure<E> { error() };
    }

private:
    std::variant<T, E> m_state;
};

template<typename E> class [[nodiscard]] Result<void, E>
{
public:
    using ErrorType = E;

    Result() = default;
    Result(Failure<E> failure) : m_error(std::move(failure.error)), m_failed(true) { }

    bool hasValue() const { return !m_failed; }
    explicit operator bool() const { return hasValue(); }
    const E &error() const { return m_error; }

private:
    E m_error {};
    bool m_failed = false;
};

} // namespace CallBridge
