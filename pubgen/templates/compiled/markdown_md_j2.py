from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'markdown.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_bibtex = l_0_list = missing
    try:
        t_1 = environment.filters['bibtex']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'bibtex' found.")
    try:
        t_2 = environment.filters['htmltext']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'htmltext' found.")
    try:
        t_3 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    def macro(l_1_pub):
        t_4 = []
        l_1_text = missing
        if l_1_pub is missing:
            l_1_pub = undefined("parameter 'pub' was not provided", name='pub')
        pass
        l_1_text = t_1(l_1_pub)
        if (undefined(name='text') if l_1_text is missing else l_1_text):
            pass
            t_4.extend((
                '\n\n  <details class="pubgen-bibtex" markdown="0"><summary>BibTeX</summary><pre>',
                (environment.finalize(t_2((undefined(name='text') if l_1_text is missing else l_1_text)))),
                '</pre></details>',
            ))
        return concat(t_4)
    context.exported_vars.add('bibtex')
    context.vars['bibtex'] = l_0_bibtex = Macro(environment, macro, 'bibtex', ('pub',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_group):
        t_5 = []
        if l_1_group is missing:
            l_1_group = undefined("parameter 'group' was not provided", name='group')
        pass
        if environment.getattr(l_1_group, 'heading'):
            pass
            t_5.extend((
                (environment.finalize(t_3(('#' * environment.getattr(l_1_group, 'level'))))),
                ' ',
                (environment.finalize(environment.getattr(l_1_group, 'heading'))),
                '\n\n',
            ))
        l_2_loop = missing
        for l_2_pub, l_2_loop in LoopContext(environment.getattr(l_1_group, 'publications'), undefined):
            _loop_vars = {}
            pass
            t_5.extend(environment.scoped_block(context.blocks['item'][0], context, 'item', {'loop': l_2_loop, 'pub': l_2_pub, 'group': l_1_group, 'bibtex': l_0_bibtex, 'list': l_0_list}))
            t_5.append(
                '\n\n',
            )
        l_2_loop = l_2_pub = missing
        for l_2_sub in environment.getattr(l_1_group, 'subgroups'):
            _loop_vars = {}
            pass
            t_5.append(
                (environment.finalize(context.call((undefined(name='list') if l_0_list is missing else l_0_list), l_2_sub, _loop_vars=_loop_vars))),
            )
        l_2_sub = missing
        return concat(t_5)
    context.exported_vars.add('list')
    context.vars['list'] = l_0_list = Macro(environment, macro, 'list', ('group',), False, False, False, context.eval_ctx.autoescape)
    yield from context.blocks['legend'][0](context)
    yield from context.blocks['groups'][0](context)

def block_item(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_pub = resolve('pub')
    l_0_options = resolve('options')
    l_0_bibtex = resolve('bibtex')
    l_0_authors = missing
    try:
        t_6 = environment.filters['end_sentence']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'end_sentence' found.")
    try:
        t_7 = environment.filters['separated']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'separated' found.")
    try:
        t_8 = environment.filters['shown_authors']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'shown_authors' found.")
    try:
        t_9 = environment.filters['url']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'url' found.")
    pass
    l_0_authors = t_8((undefined(name='pub') if l_0_pub is missing else l_0_pub))
    _block_vars['authors'] = l_0_authors
    yield '* '
    for (l_1_separator, l_1_a) in t_7((undefined(name='authors') if l_0_authors is missing else l_0_authors), ', '):
        _loop_vars = {}
        pass
        yield (environment.finalize(l_1_separator))
        if (not l_1_a):
            pass
            yield '…'
        elif environment.getattr(l_1_a, 'is_others'):
            pass
            yield 'et al.'
        elif environment.getattr(l_1_a, 'is_owner'):
            pass
            yield '**'
            yield (environment.finalize(environment.getattr(l_1_a, 'short')))
            yield '**'
        else:
            pass
            yield (environment.finalize(environment.getattr(l_1_a, 'short')))
        if (l_1_a and environment.getattr(l_1_a, 'roles')):
            pass
            def t_10(fiter):
                l_2_markers = resolve('markers')
                for l_2_role in fiter:
                    if (l_2_role in (undefined(name='markers') if l_2_markers is missing else l_2_markers)):
                        yield l_2_role
            for l_2_role in t_10(environment.getattr(l_1_a, 'roles')):
                l_2_markers = resolve('markers')
                _loop_vars = {}
                pass
                yield (environment.finalize(environment.getattr(environment.getitem((undefined(name='markers') if l_2_markers is missing else l_2_markers), l_2_role), 'symbol')))
            l_2_role = l_2_markers = missing
    l_1_separator = l_1_a = missing
    if ((undefined(name='authors') if l_0_authors is missing else l_0_authors) and (not environment.getattr(environment.getitem((undefined(name='authors') if l_0_authors is missing else l_0_authors), -1), 'is_others'))):
        pass
        yield '.'
    yield ' '
    yield (environment.finalize(t_6(environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'title'))))
    if environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'venue'):
        pass
        yield ' '
        if (environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'type') in ('conference', 'journal', 'workshop')):
            pass
            yield 'In '
        yield (environment.finalize(environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'venue')))
        if environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'awards'):
            pass
            yield ' ('
            l_1_loop = missing
            for l_1_award, l_1_loop in LoopContext(environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'awards'), undefined):
                _loop_vars = {}
                pass
                yield '<strong>'
                yield (environment.finalize(l_1_award))
                yield '</strong>'
                if (not environment.getattr(l_1_loop, 'last')):
                    pass
                    yield ', '
            l_1_loop = l_1_award = missing
            yield ')'
        yield '.'
    if environment.getattr((undefined(name='options') if l_0_options is missing else l_0_options), 'show_links'):
        pass
        for l_1_link in environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'links'):
            _loop_vars = {}
            pass
            yield ' ['
            yield (environment.finalize(environment.getattr(l_1_link, 'label')))
            yield ']('
            yield (environment.finalize(t_9(environment.getattr(l_1_link, 'url'))))
            yield ')'
        l_1_link = missing
    if environment.getattr((undefined(name='options') if l_0_options is missing else l_0_options), 'show_bibtex'):
        pass
        yield (environment.finalize(context.call((undefined(name='bibtex') if l_0_bibtex is missing else l_0_bibtex), (undefined(name='pub') if l_0_pub is missing else l_0_pub), _block_vars=_block_vars)))

def block_legend(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_legend = resolve('legend')
    pass
    if (undefined(name='legend') if l_0_legend is missing else l_0_legend):
        pass
        yield 'The '
        l_1_loop = missing
        for l_1_m, l_1_loop in LoopContext((undefined(name='legend') if l_0_legend is missing else l_0_legend), undefined):
            _loop_vars = {}
            pass
            yield (environment.finalize(environment.getattr(l_1_m, 'symbol')))
            yield ' '
            if environment.getattr(l_1_loop, 'first'):
                pass
                yield 'represents '
            yield (environment.finalize(environment.getattr(l_1_m, 'label')))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_m = missing
        yield '.\n\n'

def block_groups(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_groups = resolve('groups')
    pass
    for l_1_group in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        l_1_list = resolve('list')
        _loop_vars = {}
        pass
        yield (environment.finalize(context.call((undefined(name='list') if l_1_list is missing else l_1_list), l_1_group, _loop_vars=_loop_vars)))
    l_1_group = l_1_list = missing

blocks = {'item': block_item, 'legend': block_legend, 'groups': block_groups}
debug_info = '8=30&9=36&10=37&12=41&19=47&20=52&23=61&24=64&45=69&48=79&54=80&24=82&25=118&26=121&27=124&28=125&29=128&30=131&31=138&33=139&35=153&36=158&37=164&38=165&40=181&41=192&48=196&49=205&50=209&54=224&55=233'
