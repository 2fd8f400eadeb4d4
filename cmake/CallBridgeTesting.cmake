# SPDX-FileCopyrightText: 2026 CallBridge contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# callbridge_add_test(TestName SOURCES a.cpp [LIBRARIES ...] [TIMEOUT s] [LABELS ...]
#                     [WRAPPER command...])
# One Qt Test executable per unit, registered with CTest. WRAPPER runs it through a command, such
# as scripts/lib/with-display for tests that need a real X display with a tray.
function(callbridge_add_test name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "TIMEOUT" "SOURCES;LIBRARIES;LABELS;WRAPPER")
    qt_add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE callbridge_build_options callbridge_testsupport
        Qt6::Test ${arg_LIBRARIES})
    add_test(NAME ${name} COMMAND ${arg_WRAPPER} $<TARGET_FILE:${name}>)
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 60)
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${arg_TIMEOUT}
        SKIP_RETURN_CODE 77
        LABELS "${arg_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;CALLBRIDGE_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data")
    add_dependencies(check ${name})
endfunction()
