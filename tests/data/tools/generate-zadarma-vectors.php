<?php
// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later

// Generates tests/data/zadarma-vectors-php.json: reference vectors for Zadarma API request signing,
// reproducing exactly what the official PHP client (zadarma/user-api-v1 v1.1.9, lib/Client.php,
// Client::call + _getAuthHeader) does, and for the webhook `Signature` header (zadarma-api.md §3.2).
// Every value in the output is computed by PHP itself. Deterministic (mt_srand(20261124)).
// Run from anywhere with PHP 8.2 CLI (Debian: apt-get install php-cli):
//     php tests/data/tools/generate-zadarma-vectors.php
// It checks itself against tests/data/zadarma-vectors-public.json and exits non-zero on any mismatch.

declare(strict_types=1);
error_reporting(E_ALL);
set_error_handler(function (int $no, string $msg, string $file, int $line): bool {
    throw new ErrorException($msg, 0, $no, $file, $line);
});

const JSON_OUT = JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
    | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR;
const KEY = 'abc123';
const SECRET = 's3cr3t';
const PUBLIC_FILE = __DIR__ . '/../zadarma-vectors-public.json';
const OUT_FILE = __DIR__ . '/../zadarma-vectors-php.json';

const WEBHOOK_SIGNED = [
    'NOTIFY_START' => ['caller_id', 'called_did', 'call_start'],
    'NOTIFY_INTERNAL' => ['caller_id', 'called_did', 'call_start'],
    'NOTIFY_ANSWER' => ['caller_id', 'destination', 'call_start'],
    'NOTIFY_END' => ['caller_id', 'called_did', 'call_start'],
    'NOTIFY_OUT_START' => ['internal', 'destination', 'call_start'],
    'NOTIFY_OUT_END' => ['internal', 'destination', 'call_start'],
    'NOTIFY_RECORD' => ['pbx_call_id', 'call_id_with_rec'],
    'NOTIFY_IVR' => ['caller_id', 'called_did', 'call_start'],
    'SMS' => ['result'],
    'SPEECH_RECOGNITION' => ['result'],
    'NUMBER_LOOKUP' => ['result'],
    'CALL_TRACKING' => ['result'],
];

function fail(string $msg): never
{
    fwrite(STDERR, "generate-zadarma-vectors: FAIL: $msg\n");
    exit(1);
}

$api = [];
$hooks = [];

// What Client::call() + Client::_getAuthHeader() compute (v1.1.9). The client passes null as
// numeric_prefix, which PHP 8.1+ deprecates; '' is the identical, warning-free spelling.
function sign_request(string $method, array $params, string $key, string $secret, string $format): array
{
    $params['format'] = $format;
    $signed = array_filter($params, function ($a) { return !is_object($a); });
    ksort($signed);
    $q = http_build_query($signed, '', '&', PHP_QUERY_RFC1738);
    $s = $method . $q . md5($q);
    $hex = hash_hmac('sha1', $s, $secret);
    return ['keys' => array_keys($signed), 'order' => array_keys($params), 'q' => $q, 's' => $s,
        'hex' => $hex, 'auth' => $key . ':' . base64_encode($hex)];
}

// Every float must be written with '.' or an exponent, and the whole value must survive JSON.
function check_roundtrip(string $id, array $params): void
{
    array_walk_recursive($params, function ($v) use ($id) {
        if (is_object($v)) fail("$id: object value");
        if (is_float($v) && !preg_match('/[.eE]/', json_encode($v, JSON_OUT))) fail("$id: float $v loses its type");
    });
    if (json_decode(json_encode($params, JSON_OUT), true) !== $params) fail("$id: params do not round-trip through JSON");
}

// True if PHP's ksort result agrees pairwise with PHP's own comparison (<=>, i.e. zend_compare, with
// ties kept in insertion order). Then any correct stable sort gives the same order; when false the
// comparison is not transitive on this key set and the result depends on zend_sort's algorithm.
function sort_is_consistent(array $sorted, array $insertion): bool
{
    $pos = array_flip($insertion);
    for ($i = 0, $n = count($sorted); $i < $n; $i++) {
        for ($j = $i + 1; $j < $n; $j++) {
            $c = $sorted[$i] <=> $sorted[$j];
            if ($c > 0 || ($c === 0 && $pos[$sorted[$i]] > $pos[$sorted[$j]])) return false;
        }
    }
    return true;
}

function api(string $id, string $http, string $path, array $params, array $opt = []): bool
{
    global $api;
    if (isset($api[$id])) fail("duplicate id $id");
    check_roundtrip($id, $params);
    $key = $opt['key'] ?? KEY;
    $secret = $opt['secret'] ?? SECRET;
    $format = $opt['format'] ?? 'json';
    $r = sign_request($path, $params, $key, $secret, $format);
    $consistent = sort_is_consistent($r['keys'], $r['order']);
    if (!$consistent && empty($opt['allow_nontransitive'])) {
        if (!empty($opt['random'])) return false;  // draw another random case
        fail("$id: ksort order is not consistent with PHP's comparison");
    }
    $e = ['id' => $id, 'http_method' => $http, 'api_method' => $path, 'key' => $key, 'secret' => $secret,
        'format' => $format, 'params_passed' => $params ?: new stdClass(),
        'signed_query_string' => $r['q'], 'string_to_sign' => $r['s'],
        'hmac_sha1_hex' => $r['hex'], 'authorization' => $r['auth']];
    if (!$consistent) {
        $e['note'] = 'Non-transitive key comparison (PHP 8 int-vs-string rules): PHP\'s order depends on zend_sort '
            . '(insertion sort for <= 16 elements) and on insertion order. A reimplementation may legitimately skip this.';
    }
    $api[$id] = $e;
    return true;
}

function hook(string $id, array $fields, string $secret = SECRET): void
{
    global $hooks;
    if (isset($hooks[$id])) fail("duplicate id $id");
    check_roundtrip($id, $fields);
    array_walk_recursive($fields, function ($v) use ($id) { if (!is_string($v)) fail("$id: webhook values are strings"); });
    $event = $fields['event'];
    $signed = WEBHOOK_SIGNED[$event] ?? fail("$id: unknown event $event");
    $str = implode('', array_map(fn($f) => is_string($fields[$f] ?? null) ? $fields[$f] : fail("$id: no field $f"), $signed));
    $hooks[$id] = ['id' => $id, 'event' => $event, 'secret' => $secret, 'formula' => implode(' . ', $signed),
        'form_fields' => $fields, 'form_body' => http_build_query($fields, '', '&', PHP_QUERY_RFC1738),
        'signature_string' => $str, 'signature' => base64_encode(hash_hmac('sha1', $str, $secret))];
}

// ---------------------------------------------------------------------------------------------
// API requests
// ---------------------------------------------------------------------------------------------
$P = '/v1/info/balance/';
$PBX_IN = 'in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';

// The three public vectors, written out independently; checked against the public file below.
api('balance-no-params', 'GET', $P, []);
api('callback-plus-sign', 'GET', '/v1/request/callback/', ['from' => '100', 'to' => '+442037691880', 'sip' => '100', 'predicted' => '1']);
api('record-request-by-pbx-call-id', 'GET', '/v1/pbx/record/request/', ['pbx_call_id' => $PBX_IN, 'lifetime' => '5184000']);

// Printable ASCII: one case per non-alphanumeric character, in a key and in a value.
$ascii = implode('', array_map('chr', range(0x20, 0x7E)));
foreach (str_split($ascii) as $c) {
    if (ctype_alnum($c)) continue;
    api(sprintf('ascii-0x%02X-in-key-and-value', ord($c)), 'GET', '/v1/sms/send/', ['k' . $c . 'k' => 'v' . $c . 'v', 'a' => $c]);
}
api('ascii-all-printable-value', 'POST', '/v1/sms/send/', ['message' => $ascii]);
api('ascii-all-printable-key', 'POST', '/v1/sms/send/', [$ascii => 'x', 'message' => 'y']);
api('reserved-chars-mix', 'GET', '/v1/sms/send/', ['message' => "~*!'(),+&=:@/?#%[]", 'q[x]' => 'a&b=c', 'path' => '/a/b?c#d']);
api('spaces-leading-trailing-multiple', 'GET', '/v1/sms/send/', ['message' => '  two  spaces  ', ' key with spaces ' => ' ']);
api('whitespace-tab-cr-lf', 'POST', '/v1/sms/send/', ['message' => "line1\r\nline2\nline3\ttab", "tab\tkey" => "\t"]);
api('control-bytes-0x00-0x1F-0x7F', 'POST', '/v1/sms/send/', ['message' => implode('', array_map('chr', range(0, 31))) . "\x7F"]);
api('nul-byte-in-key-and-value', 'GET', $P, ["a\0b" => "x\0y"]);
api('top-level-keys-with-dot-space-brackets', 'GET', $P, ['a.b' => '1', 'a b' => '2', 'a[b]' => '3', 'a[]' => '4', 'a-b' => '5']);
api('empty-key', 'GET', $P, ['' => 'empty key', 'a' => 'b']);

// UTF-8.
api('utf8-cyrillic', 'POST', '/v1/sms/send/', ['number' => '+79001234567', 'message' => 'Привет! Ваш код: 1234']);
api('utf8-spanish-accents', 'POST', '/v1/sms/send/', ['message' => 'Señor Núñez, ¿qué tal? ¡Olé! àéíóúü ÁÉÍÓÚÜ Ññ']);
api('utf8-cjk', 'POST', '/v1/sms/send/', ['message' => '你好，世界。日本語のテキスト。한국어']);
api('utf8-emoji-4-byte', 'POST', '/v1/sms/send/', ['message' => 'Call me 📞🙂 👍🏽 🇪🇸']);
api('utf8-combining-marks', 'POST', '/v1/sms/send/', ['precomposed' => "\u{00E9}", 'combining' => "e\u{0301}", 'zwj' => "👩\u{200D}💻"]);
api('utf8-keys', 'GET', $P, ['имя' => 'Иван', 'número' => '7', 'z' => '1', 'ä' => '2', '名' => '3', 'A' => '4']);
api('utf8-nbsp-and-bom', 'GET', $P, ['message' => "a\u{00A0}b\u{FEFF}c\u{2028}d"]);

// Scalars.
api('empty-string-values', 'GET', $P, ['a' => '', 'b' => '', 'c' => 'x']);
api('null-values-dropped', 'GET', $P, ['a' => null, 'b' => 'x', 'c' => null]);
api('only-null-values', 'GET', $P, ['a' => null]);
api('booleans', 'GET', $P, ['yes' => true, 'no' => false, 'str_true' => 'true', 'str_false' => 'false']);
api('integers', 'GET', $P, ['zero' => 0, 'one' => 1, 'neg' => -42, 'big' => 1764062100, 'max' => PHP_INT_MAX, 'min' => PHP_INT_MIN]);
foreach (['0.1' => 0.1, '1.5' => 1.5, 'minus-2.25' => -2.25, '1e20' => 1e20, '1.0E-7' => 1.0E-7,
    '123456789.123456789' => 123456789.123456789, '3.0e15' => 3.0e15, '1e14' => 1e14, '0.30000000000000004' => 0.1 + 0.2,
    'one-third' => 1 / 3, '1e-5' => 1e-5, '0.0001' => 0.0001, '123456789012345.6' => 123456789012345.6,
    '1.0' => 1.0, 'minus-0.0' => -0.0, '2.5e-300' => 2.5e-300, 'max-double' => 1.7976931348623157e308] as $name => $f) {
    api("float-$name", 'GET', $P, ['value' => $f]);
}
api('floats-nested', 'GET', $P, ['f' => [0.5, 1e20, -0.125], 'g' => ['x' => 99.99]]);
api('numeric-strings-untouched', 'GET', $P, ['a' => '0.10', 'b' => '1e20', 'c' => '007', 'd' => '-0', 'e' => '1764062100.3427761']);

// format handling.
api('user-format-param-overridden', 'GET', $P, ['format' => 'xml', 'a' => '1']);
api('format-argument-xml', 'GET', $P, [], ['format' => 'xml']);
api('format-argument-xml-overrides-user-json', 'GET', $P, ['a' => '1', 'format' => 'json'], ['format' => 'xml']);
api('nested-format-key-not-overridden', 'GET', $P, ['x' => ['format' => 'csv']]);

// Key ordering (PHP 8 ksort, SORT_REGULAR).
api('key-order-case', 'GET', $P, ['b' => '1', 'ab' => '2', 'a_b' => '3', 'Type' => '4', 'B' => '5', 'a' => '6', 'Z' => '7', '_' => '8']);
api('key-order-digits-in-keys', 'GET', $P, ['a2' => '1', 'a10' => '2', 'a1' => '3', 'a' => '4', 'a_1' => '5', 'A1' => '6']);
api('key-order-prefix-shorter-first', 'GET', $P, ['abc' => '1', 'ab' => '2', 'abcd' => '3', 'a' => '4']);
api('key-order-numeric-strings-mixed', 'GET', $P, ['10' => 'a', '2' => 'b', '05' => 'c', '1e3' => 'd', '-5' => 'e', ' 7' => 'f',
    '7 ' => 'g', 'b' => 'h', 'A' => 'i', '_' => 'j', '9a' => 'k', '-0' => 'l', '0' => 'm', '1.5' => 'n', '+3' => 'o']);
api('key-order-int-keys-only', 'GET', $P, [10 => 'a', 2 => 'b', -1 => 'c', 100 => 'd', 0 => 'e']);
api('key-order-int-vs-letters', 'GET', $P, ['a' => 'x', 5 => 'y', 'Z' => 'z', 50 => 'w', 'format1' => 'v']);
api('key-order-tie-int-7-then-space-7', 'GET', $P, [7 => 'int', ' 7' => 'lead', '7 ' => 'trail', '07' => 'zero']);
api('key-order-tie-space-7-then-int-7', 'GET', $P, ['7 ' => 'trail', '07' => 'zero', ' 7' => 'lead', 7 => 'int']);
api('key-order-tie-1e3-and-1000', 'GET', $P, ['1e3' => 'exp', 1000 => 'int', '1000.0' => 'float']);
api('key-order-int-overflow-strings', 'GET', $P, ['9223372036854775809' => 'a', '9223372036854775808' => 'b', '9223372036854775807' => 'c', 'x' => 'd']);
api('key-order-non-ascii-bytes', 'GET', $P, ['é' => '1', 'z' => '2', 'ё' => '3', '~' => '4', 'e' => '5', "\x7F" => '6']);
api('key-order-punctuation', 'GET', $P, ['a-b' => '1', 'a.b' => '2', 'a_b' => '3', 'a b' => '4', 'a~b' => '5', 'aB' => '6', 'a0' => '7']);
foreach ([[5 => 'x', '10 ' => 'y', '1x' => 'z'], ['1x' => 'z', 5 => 'x', '10 ' => 'y'], ['10 ' => 'y', '1x' => 'z', 5 => 'x']] as $i => $p) {
    api('key-order-nontransitive-' . ($i + 1), 'GET', $P, $p, ['allow_nontransitive' => true]);
}

// Arrays.
api('array-list', 'POST', '/v1/sms/send/', ['to' => ['+48600100200', '+48600100201', '+48600100202'], 'message' => 'hi']);
api('array-assoc-unsorted-not-ksorted', 'GET', $P, ['filter' => ['z' => '1', 'a' => '2', 'M' => '3', '10' => '4', '2' => '5']]);
api('array-nested-3-levels', 'GET', $P, ['a' => ['b' => ['c' => 'deep', 'a' => ['x' => '1', 'y' => [true, false, 0]]]], 'z' => '0']);
api('array-empty-vanishes', 'GET', $P, ['empty' => [], 'nested_empty' => [[], ['a' => []]], 'keep' => '1']);
api('array-list-with-nulls', 'GET', $P, ['l' => ['a', null, 'b', null], 'all_null' => [null, null]]);
api('array-explicit-int-keys', 'GET', $P, ['m' => [5 => 'a', 2 => 'b', -1 => 'c']]);
api('array-list-of-objects', 'POST', $P, ['numbers' => [['number' => '+1 555', 'name' => 'Ann'], ['number' => '200', 'name' => 'Bó']]]);
api('array-keys-with-special-chars', 'GET', $P, ['m' => ['x y' => '1', 'a&b' => '2', 'c=d' => '3', '[e]' => '4', '' => '5', 'é' => '6']]);
api('array-mixed-scalars', 'GET', $P, ['v' => ['s', 1, -2.5, true, false, null, '', ['inner']]]);
api('array-top-level-int-key-list', 'GET', $P, ['first', 'second', 'third']);

// Realistic calls.
api('callback-ext-to-number', 'GET', '/v1/request/callback/', ['from' => '101', 'to' => '442037691880', 'sip' => '101']);
api('callback-number-with-spaces', 'GET', '/v1/request/callback/', ['from' => '100', 'to' => '+44 20 3769 1880', 'sip' => '100', 'predicted' => 'predicted']);
api('callback-scenario-from', 'POST', '/v1/request/callback/', ['from' => '0-1', 'to' => '+34911234567']);
api('callback-sip-uri', 'GET', '/v1/request/callback/', ['from' => '12345-100', 'to' => 'user@sip.example.com']);
api('statistics-pbx-full', 'GET', '/v1/statistics/pbx/', ['start' => '2026-11-01 00:00:00', 'end' => '2026-11-24 23:59:59',
    'version' => 2, 'skip' => 0, 'limit' => 1000, 'call_type' => 'in']);
api('statistics-pbx-strings', 'GET', '/v1/statistics/pbx/', ['start' => '2026-11-24 08:00:00', 'end' => '2026-11-24 18:30:00',
    'version' => '2', 'skip' => '1000', 'limit' => '500', 'call_type' => 'out']);
api('statistics-cost-only', 'GET', '/v1/statistics/', ['start' => '2026-11-01', 'end' => '2026-11-30', 'sip' => '12345', 'cost_only' => '1', 'type' => 'toll']);
api('statistics-incoming-calls', 'GET', '/v1/statistics/incoming-calls/', ['start' => '2026-11-01 00:00:00', 'end' => '2026-11-02 00:00:00', 'sip' => '12345-100']);
api('record-request-by-call-id', 'GET', '/v1/pbx/record/request/', ['call_id' => '1764062100.3427761', 'lifetime' => 180]);
api('record-request-by-call-id-default-lifetime', 'GET', '/v1/pbx/record/request/', ['call_id' => '1764062100.3427761']);
api('record-delete-by-call-id', 'DELETE', '/v1/pbx/record/request/', ['call_id' => '1764062100.3427761']);
api('record-delete-by-pbx-call-id', 'DELETE', '/v1/pbx/record/request/', ['pbx_call_id' => $PBX_IN]);
api('callinfo-url-set', 'POST', '/v1/pbx/callinfo/url/', ['url' => 'https://crm.example.com/zadarma?x=1&y=two words']);
api('callinfo-notifications', 'POST', '/v1/pbx/callinfo/notifications/', ['notify_start' => 'true', 'notify_internal' => 'false',
    'notify_end' => 'true', 'notify_out_start' => 'false', 'notify_out_end' => 'true', 'notify_answer' => 'true']);
api('webhooks-url-set', 'POST', '/v1/pbx/webhooks/url/', ['url' => 'https://relay.example.org:8443/hooks/other?token=a+b%20c']);
api('webhooks-hooks', 'POST', '/v1/pbx/webhooks/hooks/', ['sms' => 'true', 'speech_recognition' => 'false', 'number_lookup' => 'false', 'call_tracking' => 'true']);
api('sip-redirection-put-status', 'PUT', '/v1/sip/redirection/', ['id' => '12345', 'status' => 'on']);
api('sip-redirection-put-phone', 'PUT', '/v1/sip/redirection/', ['id' => '12345', 'type' => 'phone', 'number' => '+34911234567', 'condition' => 'unavailable']);
api('sip-redirection-get', 'GET', '/v1/sip/redirection/', ['id' => '12345']);
api('pbx-redirection-voicemail', 'POST', '/v1/pbx/redirection/', ['pbx_number' => '100', 'status' => 'on', 'type' => 'voicemail',
    'destination' => 'mail@example.com', 'condition' => 'noanswer', 'voicemail_greeting' => 'standart', 'set_caller_id' => 'off']);
api('internal-recording', 'PUT', '/v1/pbx/internal/recording/', ['id' => '100', 'status' => 'on_email', 'email' => 'a@example.com,b@example.com', 'speech_recognition' => 'all']);
api('speech-recognition-get', 'GET', '/v1/speech_recognition/', ['call_id' => '1764062100.3427761', 'lang' => 'es-ES', 'return' => 'phrases', 'alternatives' => 0]);
api('webrtc-get-key', 'GET', '/v1/webrtc/get_key/', ['sip' => '12345-100']);
foreach (['callinfo-url-delete' => 'DELETE /v1/pbx/callinfo/url/', 'callinfo-get' => 'GET /v1/pbx/callinfo/', 'info-timezone' => 'GET /v1/info/timezone/',
    'pbx-internal' => 'GET /v1/pbx/internal/', 'pbx-internal-status' => 'GET /v1/pbx/internal/100/status/',
    'sip-status' => 'GET /v1/sip/12345/status/', 'direct-numbers' => 'GET /v1/direct_numbers/'] as $id => $call) {
    [$http, $path] = explode(' ', $call);
    api($id, $http, $path, []);
}
api('sms-send-utf8-caller-id', 'POST', '/v1/sms/send/', ['number' => '34611222333', 'message' => 'Cita confirmada: mañana 10:30 ✔', 'caller_id' => 'CallBridge']);

// Other keys and secrets.
api('secret-long-100-bytes', 'GET', $P, ['a' => '1'], ['secret' => str_repeat('0123456789', 10)]);
api('secret-exactly-64-bytes', 'GET', $P, ['a' => '1'], ['secret' => str_repeat('abcdefgh', 8)]);
api('secret-65-bytes', 'GET', $P, ['a' => '1'], ['secret' => str_repeat('abcdefgh', 8) . 'X']);
api('secret-utf8', 'GET', $P, ['a' => '1'], ['secret' => 'секрет-ñ-密钥-🔑']);
api('secret-with-spaces-and-symbols', 'POST', '/v1/request/callback/', ['from' => '100', 'to' => '200'], ['secret' => " p@ss:w0rd&=/ \t"]);
api('secret-empty', 'GET', $P, [], ['secret' => '']);
api('key-realistic-hex', 'GET', $P, [], ['key' => '5d2f9b8c1a7e4f3d6b0a', 'secret' => 'e3b0c44298fc1c149afb']);
api('key-and-secret-long-utf8', 'PUT', '/v1/sip/redirection/', ['id' => '1', 'status' => 'off'],
    ['key' => 'ключ-key', 'secret' => str_repeat('Ω', 70)]);

// Seeded random cases.
mt_srand(20261124);
function pick(array $a) { return $a[mt_rand(0, count($a) - 1)]; }
function rand_string(): string
{
    $atoms = ['100', '+442037691880', '2026-11-24 10:15:00', 'Привет', 'ñ', '你好', '📞', "e\u{0301}", ' ', '+', '&', '=',
        '%', '~', '*', "'", '(', ')', '[', ']', '/', '?', '#', ':', '@', ',', '!', "\t", "\n", "\0", "\x7F", 'a b', '0', '-1', '1.5', 'true', ''];
    $s = '';
    for ($n = mt_rand(0, 4); $n > 0; $n--) $s .= mt_rand(0, 2) ? pick($atoms) : chr(mt_rand(0x20, 0x7E));
    return $s;
}
function rand_key(): int|string
{
    return match (mt_rand(0, 5)) {
        0, 1 => pick(['from', 'to', 'sip', 'predicted', 'start', 'end', 'call_id', 'pbx_call_id', 'lifetime', 'url', 'Type', 'a_b', 'ab',
            'format', 'id', 'status', 'number', 'message', 'skip', 'limit']),
        2 => pick([0, 1, 2, 10, 99, -5]),
        3 => pick(['a.b', 'a b', 'x[y]', 'имя', 'ñ', '', '~', 'A1', 'a10']),
        default => rand_string(),
    };
}
function rand_value(int $depth)
{
    $r = mt_rand(0, $depth < 2 ? 11 : 9);
    if ($r === 10) return array_map(fn() => rand_value($depth + 1), range(1, mt_rand(1, 3)));
    if ($r === 11) {
        $a = [];
        for ($n = mt_rand(0, 3); $n > 0; $n--) $a[rand_key()] = rand_value($depth + 1);
        return $a;
    }
    return match ($r) {
        0, 1, 2, 3 => rand_string(),
        4 => pick([0, 1, -7, 42, 1764062100, PHP_INT_MAX]),
        5 => pick([0.1, 1.5, -2.25, 1e20, 1.0E-7, 123456789.123456789, 3.0e15, 0.1 + 0.2]),
        6 => (bool) mt_rand(0, 1),
        7 => null,
        8 => pick(['', '0', 'true', 'false']),
        9 => pick(['+48600100200', '100', '12345-100', '1764062100.3427761', 'https://crm.example.com/zadarma?x=1&y=two words']),
    };
}
$methods = ['GET', 'POST', 'PUT', 'DELETE'];
$paths = ['/v1/info/balance/', '/v1/request/callback/', '/v1/statistics/pbx/', '/v1/pbx/record/request/', '/v1/sms/send/', '/v1/sip/redirection/'];
for ($i = 1; $i <= 50;) {
    $params = [];
    for ($n = mt_rand(1, 7); $n > 0; $n--) $params[rand_key()] = rand_value(0);
    $opt = ['random' => true];
    if (mt_rand(0, 9) === 0) $opt['format'] = 'xml';
    if (mt_rand(0, 7) === 0) $opt['secret'] = rand_string() . 'S';
    if (api(sprintf('random-%02d', $i), pick($methods), pick($paths), $params, $opt)) $i++;
}

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------
// Public vectors, written out independently.
hook('NOTIFY_START-1', ['event' => 'NOTIFY_START', 'call_start' => '2026-11-24 10:15:00', 'pbx_call_id' => $PBX_IN,
    'caller_id' => '+48600100200', 'called_did' => '+48221234567']);
hook('NOTIFY_ANSWER-1', ['event' => 'NOTIFY_ANSWER', 'caller_id' => '+48600100200', 'destination' => '+48221234567',
    'call_start' => '2026-11-24 10:15:00', 'pbx_call_id' => $PBX_IN, 'internal' => '100']);
hook('NOTIFY_OUT_START-1', ['event' => 'NOTIFY_OUT_START', 'call_start' => '2026-11-24 11:02:45',
    'pbx_call_id' => 'out_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d', 'internal' => '100', 'destination' => '+442037691880']);
hook('NOTIFY_RECORD-1', ['event' => 'NOTIFY_RECORD', 'call_id_with_rec' => '1764062100.3427761', 'pbx_call_id' => $PBX_IN]);

$PBX_OUT = 'out_9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
$T = '2026-11-24 14:03:27';
$base = [
    'NOTIFY_START' => ['event' => 'NOTIFY_START', 'call_start' => $T, 'pbx_call_id' => $PBX_IN, 'caller_id' => '+34911234567', 'called_did' => '+34930001122'],
    'NOTIFY_INTERNAL' => ['event' => 'NOTIFY_INTERNAL', 'call_start' => $T, 'pbx_call_id' => $PBX_IN, 'caller_id' => '+34911234567',
        'called_did' => '+34930001122', 'internal' => '101'],
    'NOTIFY_ANSWER' => ['event' => 'NOTIFY_ANSWER', 'caller_id' => '+34911234567', 'destination' => '+34930001122',
        'call_start' => $T, 'pbx_call_id' => $PBX_IN, 'internal' => '101'],
    'NOTIFY_END' => ['event' => 'NOTIFY_END', 'call_start' => $T, 'pbx_call_id' => $PBX_IN, 'caller_id' => '+34911234567',
        'called_did' => '+34930001122', 'internal' => '101', 'duration' => '83', 'disposition' => 'answered', 'status_code' => '16',
        'is_recorded' => '1', 'call_id_with_rec' => '1764062100.3427761'],
    'NOTIFY_OUT_START' => ['event' => 'NOTIFY_OUT_START', 'call_start' => $T, 'pbx_call_id' => $PBX_OUT, 'internal' => '102',
        'destination' => '+4915112345678'],
    'NOTIFY_OUT_END' => ['event' => 'NOTIFY_OUT_END', 'call_start' => $T, 'pbx_call_id' => $PBX_OUT, 'caller_id' => '+34930001122',
        'destination' => '+4915112345678', 'internal' => '102', 'duration' => '0', 'disposition' => 'no answer', 'status_code' => '19',
        'is_recorded' => '0', 'call_id_with_rec' => ''],
    'NOTIFY_RECORD' => ['event' => 'NOTIFY_RECORD', 'call_id_with_rec' => '1764065007.3431002', 'pbx_call_id' => $PBX_OUT],
    'NOTIFY_IVR' => ['event' => 'NOTIFY_IVR', 'call_start' => $T, 'pbx_call_id' => $PBX_IN, 'caller_id' => '+34911234567',
        'called_did' => '+34930001122', 'wait_dtmf' => ['name' => 'main-menu', 'digits' => '2']],
    'SMS' => ['event' => 'SMS', 'result' => '{"caller_id":"+34611222333","caller_did":"+34930001122","text":"Hola, ¿me llamáis? 👍"}'],
    'SPEECH_RECOGNITION' => ['event' => 'SPEECH_RECOGNITION', 'lang' => 'es-ES', 'call_id' => '1764062100.3427761', 'pbx_call_id' => $PBX_IN,
        'result' => '{"phrases":[{"result":"buenos días","channel":1}],"lang":"es-ES"}'],
    'NUMBER_LOOKUP' => ['event' => 'NUMBER_LOOKUP', 'result' => '{"number":"+4915112345678","mcc":"262","mnc":"01","ported":false}'],
    'CALL_TRACKING' => ['event' => 'CALL_TRACKING', 'result' => '{"caller_id":"+34911234567","called_did":"+34930001122","utm_source":"google"}'],
];
$secrets = ['long' => str_repeat('k', 65) . '-long-secret', 'utf8' => 'секрет-ñ-密钥-🔑', 'other' => 'Zx9-Q2w!e3'];
$unplus = fn(array $f) => array_map(fn($v) => is_string($v) && preg_match('/^\+\d+$/', $v) ? substr($v, 1) : $v, $f);
foreach ($base as $ev => $f) {
    $isResult = isset($f['result']);
    hook("$ev-base", $f);
    hook("$ev-reordered", array_reverse($f, true));
    hook("$ev-extra-unsigned-fields", $f + ['dst_e164' => '+34930001122', 'calltype' => 'callback_leg1', 'x y' => 'a&b=c+d', 'last_internal' => '100']);
    $sk = array_keys($secrets)[crc32($ev) % 3];
    hook("$ev-secret-$sk", $f, $secrets[$sk]);
    if (!$isResult && $ev !== 'NOTIFY_RECORD') hook("$ev-numbers-without-plus", $unplus($f));
}
foreach (['NOTIFY_START', 'NOTIFY_ANSWER', 'NOTIFY_END', 'NOTIFY_IVR', 'NOTIFY_INTERNAL'] as $ev) {
    hook("$ev-caller-id-0", ['caller_id' => '0'] + $base[$ev]);
}
hook('NOTIFY_START-caller-id-empty', ['caller_id' => ''] + $base['NOTIFY_START']);
hook('NOTIFY_START-utf8-caller-name', ['caller_id' => 'José Müller 张伟 📞'] + $base['NOTIFY_START']);
hook('NOTIFY_START-caller-id-sip-uri', ['caller_id' => 'sip:anon@example.com'] + $base['NOTIFY_START']);
hook('NOTIFY_OUT_START-utf8-destination', ['destination' => 'Ñandú-ТЕСТ'] + $base['NOTIFY_OUT_START']);
hook('NOTIFY_END-disposition-with-comma', ['disposition' => 'no money, no limit', 'status_code' => '34'] + $base['NOTIFY_END']);
hook('NOTIFY_IVR-default-behaviour', ['wait_dtmf' => ['name' => 'menú principal', 'digits' => '', 'default_behaviour' => '1']] + $base['NOTIFY_IVR']);
hook('NOTIFY_IVR-saydigits-and-digits-hash', ['wait_dtmf' => ['name' => 'pin', 'digits' => '12#*'], 'ivr_saydigits' => '1234'] + $base['NOTIFY_IVR']);
hook('NOTIFY_RECORD-different-secret', $base['NOTIFY_RECORD'], 'another secret with spaces');
hook('SMS-result-escaped-json', ['event' => 'SMS', 'result' => '{"caller_id":"79001234567","caller_did":"79009876543","text":"\u041f\u0440\u0438\u0432\u0435\u0442 \/ ok"}']);
hook('SMS-result-multiline-text', ['event' => 'SMS', 'result' => "{\"caller_id\":\"+48600100200\",\"text\":\"line1\\nline2 & = + %\"}"]);
hook('SPEECH_RECOGNITION-voicemail', ['voicemail' => '1'] + $base['SPEECH_RECOGNITION']);

// ---------------------------------------------------------------------------------------------
// Check against the public vectors, then write.
// ---------------------------------------------------------------------------------------------
$public = json_decode(file_get_contents(PUBLIC_FILE), true, 512, JSON_THROW_ON_ERROR);
foreach ($public['api_requests'] as $p) {
    $m = $api[$p['id']] ?? fail("public API vector {$p['id']} not reproduced");
    $params = $m['params_passed'] instanceof stdClass ? [] : $m['params_passed'];
    if ($params !== $p['params_passed']) fail("{$p['id']}: params differ");
    foreach (['http_method', 'api_method', 'signed_query_string', 'string_to_sign', 'hmac_sha1_hex', 'authorization'] as $f) {
        if ($m[$f] !== $p[$f]) fail("{$p['id']}: $f\n  ours:   {$m[$f]}\n  public: {$p[$f]}");
    }
    $wire = 'https://api.zadarma.com' . $p['api_method'] . '?' . http_build_query($params + ['format' => 'json'], '', '&', PHP_QUERY_RFC1738);
    if ($p['request_sent_by_official_client']['url'] !== $wire) fail("{$p['id']}: wire URL $wire");
}
foreach ($public['webhooks'] as $p) {
    $m = $hooks[$p['id']] ?? fail("public webhook vector {$p['id']} not reproduced");
    foreach (['event', 'formula', 'form_fields', 'form_body', 'signature_string', 'signature'] as $f) {
        if ($m[$f] !== $p[$f]) fail("{$p['id']}: $f differs");
    }
}

$out = [
    'about' => 'Zadarma signing vectors computed by PHP ' . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION . ' running the signing code of '
        . 'Zadarma\'s official PHP client (zadarma/user-api-v1 v1.1.9, lib/Client.php: $params[\'format\'] = $format; array_filter(!is_object); '
        . 'ksort; Q = http_build_query(..., \'\', \'&\', PHP_QUERY_RFC1738); base64(hex(HMAC-SHA1(secret, api_method . Q . md5(Q))))) '
        . 'and the webhook Signature base64(hex(HMAC-SHA1(secret, f1 . f2 . f3))) over the fields named in formula. '
        . 'Generated by tests/data/tools/generate-zadarma-vectors.php (mt_srand(20261124)); the public vectors are reproduced byte for byte. '
        . 'params_passed / form_fields: a JSON object is a PHP associative array in insertion order (read it order-preserving; an object key '
        . 'that is a canonical decimal integer such as "10" or "-5", but not "05", "-0", " 7" or "1e3", is a PHP int key), a JSON array is a PHP '
        . 'list, a JSON number with a "." or an exponent is a PHP float (written with JSON_PRESERVE_ZERO_FRACTION), any other number a PHP int, '
        . 'true/false/null are PHP bool/null. Every case was checked to round-trip: json_decode(json_encode($params), true) === $params. '
        . 'format is the format argument of Client::call (it overrides a user "format" param); http_method does not enter the signature. '
        . 'An optional note marks cases whose key comparison is not transitive. Webhook form_body is http_build_query(form_fields) in insertion order.',
    'api_requests' => array_values($api),
    'webhooks' => array_values($hooks),
];
file_put_contents(OUT_FILE, json_encode($out, JSON_OUT) . "\n");
fprintf(STDERR, "wrote %s: %d api_requests, %d webhooks\n", realpath(OUT_FILE), count($api), count($hooks));
