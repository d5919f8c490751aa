"""Command line: ``namematch resolve MENTION`` and batches of mentions.

Examples::

    namematch resolve "يونس بك يفكيروف"
    namematch resolve "Sergueï Choïgou" --json
    namematch resolve "Choïgou" --explain          # why: word pairs, keys, features
    namematch resolve "ministre russe de la Défense" --at 2023-09-26   # the role and its holder
    namematch resolve --file mentions.txt          # one mention a line, JSON lines out
    cat mentions.txt | namematch resolve -         # the same from standard input
    namematch link article.txt --at 2023-09-26 --format html > article.html   # every entity of a text
    namematch index big.nmi --gazetteer big.csv    # compile and save an index once...
    namematch resolve --index big.nmi --file mentions.txt --workers 2   # ...load it in a second
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from .errors import NamematchError
from .gazetteer import Gazetteer
from .resolver import Resolution, Resolver

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="namematch", description="Resolve name mentions to canonical entities.")
    commands = parser.add_subparsers(dest="command", required=True)
    resolve = commands.add_parser("resolve", help="resolve one mention, or a file of mentions (one a line)")
    resolve.add_argument("mention", nargs="?", help="the mention; '-' reads mentions from standard input")
    resolve.add_argument("--file", "-f", help="read mentions from this file, one a line")
    resolve.add_argument("--json", action="store_true", help="print JSON (always JSON lines for batches)")
    _source_arguments(resolve)
    resolve.add_argument("--index", help="a saved index (from 'namematch index') instead of --gazetteer")
    resolve.add_argument("--workers", type=int, default=None, metavar="N",
                         help="processes for a batch (default: every core)")
    resolve.add_argument("--at", help="date of the mention (YYYY-MM-DD)")
    resolve.add_argument("--threshold", type=float, help="least confidence to answer (default: %(default)s of the resolver)")
    resolve.add_argument("--candidates", type=int, default=0, metavar="N", help="also list the N best candidates")
    resolve.add_argument("--explain", action="store_true",
                         help="show the evidence: matched name, word pairs and keys, features and their weights")
    link = commands.add_parser("link", help="find and resolve every entity of a text")
    link.add_argument("file", help="the text file; '-' reads standard input")
    link.add_argument("--at", help="date of the text (YYYY-MM-DD): roles get their holder then")
    link.add_argument("--format", choices=("text", "json", "html"), default="text",
                      help="text: a line per span; json: a JSON list of spans; html: a page with the spans highlighted")
    _source_arguments(link)
    link.add_argument("--index", help="a saved index (from 'namematch index') instead of --gazetteer")
    link.add_argument("--threshold", type=float, help="least confidence to link")
    index = commands.add_parser("index", help="compile a gazetteer's index and save it, for --index")
    index.add_argument("output", help="the index file to write")
    _source_arguments(index)
    index.add_argument("--threshold", type=float, help="the saved resolver's threshold (default: the shipped one)")
    return parser


def _source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gazetteer", help="gazetteer CSV (default: the shipped one)")
    parser.add_argument("--tenures", help="tenures CSV for --gazetteer")


def _load_resolver(args: argparse.Namespace) -> Resolver:
    if args.tenures and not args.gazetteer:
        raise NamematchError("--tenures needs --gazetteer")
    if getattr(args, "index", None):
        if args.gazetteer:
            raise NamematchError("give --index or --gazetteer, not both")
        resolver = Resolver.load(args.index)
        if args.threshold is not None:
            resolver.threshold = args.threshold
        return resolver
    if args.gazetteer:
        return Resolver(Gazetteer.from_csv(args.gazetteer, tenures=args.tenures), threshold=args.threshold)
    return Resolver.default(threshold=args.threshold)


def _record(mention: str, resolution: Resolution | None, candidates: list[Resolution],
            evidence: bool = False) -> dict[str, object]:
    record: dict[str, object] = {"mention": mention}
    record.update(resolution.to_dict(evidence=evidence) if resolution else {"entity_id": None})
    if candidates:
        record["candidates"] = [c.to_dict(evidence=evidence) for c in candidates]
    return record


def _candidates(resolver: Resolver, mention: str, args: argparse.Namespace) -> list[Resolution]:
    # --explain on a mention that resolves to nothing shows the best candidate's evidence.
    limit = max(args.candidates, 1 if args.explain else 0)
    return resolver.candidates(mention, limit=limit, at=args.at) if limit else []


def _text(record: dict[str, object]) -> str:
    if record["entity_id"] is None:
        return f"{record['mention']}\tNIL\t(no entity reaches the threshold)"
    return f"{record['entity_id']}\t{record['label']}\t{record['confidence']:.3f}"


def _resolve_lines(resolver: Resolver, lines: Iterable[str], args: argparse.Namespace, out: TextIO) -> None:
    mentions = [mention for mention in (line.rstrip("\r\n") for line in lines) if mention.strip()]
    # A progress bar on standard error when it is a terminal (resolve_many's default).
    resolutions = resolver.resolve_many(mentions, at=args.at, workers=args.workers)
    for mention, resolution in zip(mentions, resolutions):
        candidates = _candidates(resolver, mention, args)
        out.write(json.dumps(_record(mention, resolution, candidates, args.explain), ensure_ascii=False) + "\n")


def _link(resolver: Resolver, args: argparse.Namespace) -> None:
    from .link import to_html
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            raise NamematchError(f"{args.file}: cannot read: {error.strerror or error}") from None
        except UnicodeDecodeError as error:
            raise NamematchError(f"{args.file}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    spans = resolver.link(text, at=args.at)
    if args.format == "json":
        print(json.dumps([span.to_dict() for span in spans], ensure_ascii=False, indent=2))
    elif args.format == "html":
        sys.stdout.write(to_html(text, spans, title=args.file if args.file != "-" else "namematch"))
    else:
        for span in spans:
            holder = f"\tholder {span.holder}" if span.holder else ""
            print(f"{span.start}-{span.end}\t{span.text}\t{span.entity_id}\t{span.label}\t{span.confidence:.3f}{holder}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
            parser.error("--threshold must be between 0 and 1")
        if args.command == "index":
            resolver = _load_resolver(args)
            try:
                resolver.save(args.output)
            except OSError as error:
                raise NamematchError(f"{args.output}: cannot write: {error.strerror or error}") from None
            print(f"{args.output}: {len(resolver.gazetteer)} entities, {len(resolver.index)} names")
            return 0
        if args.command == "link":
            if args.at is not None:
                from .gazetteer import parse_date
                parse_date(args.at)
            resolver = _load_resolver(args)
            _link(resolver, args)
            return 0
        if args.workers is not None and args.workers < 1:
            parser.error("--workers must be >= 1")
        if args.candidates < 0:
            parser.error("--candidates must be >= 0")
        if args.mention is None and args.file is None:
            parser.error("give a mention, '-' for standard input, or --file")
        if args.mention is not None and args.file is not None:
            parser.error("give a mention or --file, not both")
        if args.at is not None:
            from .gazetteer import parse_date
            parse_date(args.at)
        resolver = _load_resolver(args)
        if args.file is not None:
            try:
                with open(args.file, encoding="utf-8") as handle:
                    _resolve_lines(resolver, handle, args, sys.stdout)
            except OSError as error:
                raise NamematchError(f"{args.file}: cannot read: {error.strerror or error}") from None
            except UnicodeDecodeError as error:
                raise NamematchError(f"{args.file}: not UTF-8 text ({error.reason} at byte {error.start})") from None
        elif args.mention == "-":
            _resolve_lines(resolver, sys.stdin, args, sys.stdout)
        else:
            resolution = resolver.resolve(args.mention, at=args.at)
            candidates = _candidates(resolver, args.mention, args)
            record = _record(args.mention, resolution, candidates, args.explain)
            if args.json:
                print(json.dumps(record, ensure_ascii=False, indent=2))
            else:
                print(_text(record))
                if resolution is not None and resolution.holders:
                    # A role: who held it on --at (today's holders without it).
                    when = args.at or "today"
                    if resolution.holder is not None:
                        print(f"  holder on {when}\t{resolution.holder.entity_id}\t{resolution.holder.label}")
                    else:
                        for held in resolution.holders:
                            print(f"  holding on {when}\t{held.entity_id}\t{held.label}")
                if resolution is not None and resolution.namesakes:
                    # Persons the words cannot tell apart: one of them, each as likely.
                    print(f"  namesakes\t{', '.join(resolution.namesakes)}\t"
                          f"one of them {resolution.with_namesakes:.3f}")
                for candidate in candidates[:args.candidates]:
                    # A candidate met alike with others (namesakes, or an office of several
                    # countries) says so, with the probability of the group.
                    together = (f"\tone of {len(candidate.namesakes) + 1} {candidate.with_namesakes:.3f}"
                                if candidate.namesakes else "")
                    print(f"  candidate\t{candidate.entity_id}\t{candidate.label}\t{candidate.confidence:.3f}{together}")
                if args.explain and candidates:
                    if resolution is None:
                        print(f"best candidate, under the threshold {resolver.threshold}:")
                    print(candidates[0].explain())
    except NamematchError as error:
        print(f"namematch: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
