# Installing and packaging the Debian way (docs/operations.md): `cmake --install` puts the binary
# in bin/, the example config and the Slack manifest in share/doc/oncallbot/examples/ and the
# hardened systemd unit in lib/systemd/system/; `cpack` builds oncallbot_<version>_<arch>.deb
# whose Depends are the library packages dpkg-shlibdeps finds in the binary, plus the time zone
# database and CA certificates the bot reads at run time.
include(GNUInstallDirs)

install(TARGETS oncallbot RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/config/example.yaml
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples RENAME oncallbot.yaml)
install(FILES ${PROJECT_SOURCE_DIR}/config/slack-app-manifest.yaml
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
        FILES_MATCHING PATTERN "*.md")
install(FILES ${PROJECT_SOURCE_DIR}/config/oncallbot.service DESTINATION lib/systemd/system)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME oncallbot)
set(CPACK_PACKAGE_VENDOR oncallbot)
set(CPACK_PACKAGE_CONTACT "oncallbot maintainers <oncallbot@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "on-call chat-ops bot for Slack and Mattermost")
set(CPACK_PACKAGE_DESCRIPTION
    "Announces pages from Alertmanager, Grafana, PagerDuty Events v2 and webhooks in team chat,\n\
escalates on time, runs allow-listed runbooks and keeps each incident's timeline.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # oncallbot_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata, ca-certificates")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/config/debian/postinst
    ${PROJECT_SOURCE_DIR}/config/debian/prerm
    ${PROJECT_SOURCE_DIR}/config/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)

# The package test (label `package`): builds the .deb from this build tree, installs it with
# apt-get as a user would, runs it, verifies the unit and removes it. It needs root or
# password-less sudo and reports itself skipped without.
if(BUILD_TESTING)
  add_test(NAME package_deb_installs_and_runs
           COMMAND ${PROJECT_SOURCE_DIR}/scripts/test-package ${PROJECT_BINARY_DIR})
  set_tests_properties(package_deb_installs_and_runs PROPERTIES
    LABELS package RUN_SERIAL TRUE TIMEOUT 600 SKIP_RETURN_CODE 77)
endif()
