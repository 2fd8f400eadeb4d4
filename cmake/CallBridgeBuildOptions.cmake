# SPDX-FileCopyrightText: 2026 CallBridge contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# Every target links this INTERFACE target instead of setting flags itself.
add_library(callbridge_build_options INTERFACE)
target_compile_features(callbridge_build_options INTERFACE cxx_std_20)
target_compile_definitions(callbridge_build_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
target_compile_options(callbridge_build_options INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
        -Wold-style-cast -Wcast-align -Woverloaded-virtual>)
# Not -Wnull-dereference: at -O2 it fires inside Qt's own headers.
# Repository-root includes: #include "core/zadarma/ZadarmaSigner.h"
target_include_directories(callbridge_build_options INTERFACE "${PROJECT_SOURCE_DIR}")

# -Werror comes from CI's flags (CMAKE_CXX_FLAGS), never from here.
