// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/zadarma/PhpValue.h"

#include <QByteArray>
#include <QByteArrayView>

namespace CallBridge {

// PHP's http_build_query($params, '', '&', PHP_QUERY_RFC1738): nulls are dropped, true/false
// become 1/0, floats are written as "%.14G" (then url-encoded), arrays as key%5Bsub%5D=… in their
// own order.
QByteArray phpHttpBuildQuery(const PhpArray &params);

// PHP 8's ksort($params) (SORT_REGULAR, stable): integer keys and numeric strings compare as
// numbers, other strings byte by byte. Only the top level is sorted, as in PHP.
void phpKsort(PhpArray &params);

// $array[name] = value, with name parsed the way PHP parses request variable names:
// "to[]" appends, "a[b][c]" nests, a numeric index becomes an integer key.
void phpAssignVariable(PhpArray &target, QByteArrayView name, const PhpValue &value);

// parse_str(): an urlencoded query or form body into PHP's array (last value wins).
PhpArray phpParseQuery(QByteArrayView query);

} // namespace CallBridge
