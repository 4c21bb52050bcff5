"""MkDocs hooks: adapt MkDocs build events to the Afterword engine. No logic lives here.

Listed under ``hooks:`` in mkdocs.yml. ProperDocs (the maintained MkDocs 1.x line) runs the same hooks.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from afterword.build import BuildFailed, SiteBuild, refuse_symlinks
from afterword.settings import settings_from_mkdocs_config
from afterword.site.prerender import FastPages

log = get_plugin_logger("afterword")
_state: dict = {}


def on_startup(command, dirty):
    _state["serve"] = command == "serve"


def on_config(config):
    settings = settings_from_mkdocs_config(config, Path(config.config_file_path).parent, Path(config.config_file_path))
    build = SiteBuild(settings, preview=_state.get("serve", False))
    _state.update(build=build, site_dir=Path(config.site_dir))
    # Count MkDocs' own warnings too, so a strict build that will fail removes its output.
    if config.strict:
        _state["warnings"] = CountHandler()
        _state["warnings"].setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(_state["warnings"])
    build.load(defer_checks=not build.preview)
    if build.preview:
        build.watch()
    config.extra["afterword"] = {**(config.extra.get("afterword") or {}), **build.template_context()}
    return config


def on_pre_build(config):
    _state["build"].set_aside_previous_site(Path(config.site_dir))


def on_shutdown():
    SiteBuild.stop_preview()


def on_serve(server, config, builder):
    _state["build"].watch(server)
    return server


def _report(problems, stops_on_errors=True):
    for problem in problems:
        if problem.is_error and stops_on_errors:
            log.error(problem.format())
        else:
            log.info(f"{problem.severity}: {problem.format()}")


def on_files(files, config):
    build: SiteBuild = _state["build"]
    _report(build.problems, build.stops_on_errors)
    if build.failed and build.stops_on_errors:
        raise PluginError(build.failure_message())
    sources = [Path(config.docs_dir)] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    try:
        refuse_symlinks(sources, "the site's sources (docs_dir, theme custom_dir)")
    except BuildFailed as exc:
        raise PluginError(str(exc)) from None
    pages = build.pages()
    build.start_background(Path(config.site_dir))  # after pages(): the worker inherits their promises and bodies
    for page in pages:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    _state["fast_pages"] = FastPages.for_incident_pages(config, pages)
    _state["fast_pages"].wrap_search(config.plugins)
    return files


def on_pre_page(page, config, files):
    page = _state["fast_pages"].prepare(page) if "fast_pages" in _state else page
    return _state["build"].prepare_page(page, config, files)


def on_env(env, config, files):
    env = _state["build"].prepare_env(env, config)
    return _state["fast_pages"].wrap_env(env) if "fast_pages" in _state else env


def on_page_content(html, page, config, files):
    return _state["build"].finish_page_html(html)


def on_post_build(config):
    build: SiteBuild = _state["build"]
    try:
        _report(build.complete(Path(config.site_dir)), build.stops_on_errors)
    except BuildFailed as exc:
        raise PluginError(str(exc)) from None
    if build.failed and build.stops_on_errors:
        raise PluginError(build.failure_message())
    counter = _state.pop("warnings", None)
    if counter is not None:
        logging.getLogger("mkdocs").removeHandler(counter)
        if counter.get_counts():
            SiteBuild.discard(Path(config.site_dir))


def on_build_error(error):
    counter = _state.pop("warnings", None)
    if counter is not None:
        logging.getLogger("mkdocs").removeHandler(counter)
    if "build" in _state:
        _state["build"].stop_background()
    if "site_dir" in _state:
        SiteBuild.discard(_state["site_dir"])
